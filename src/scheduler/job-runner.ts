import { and, desc, eq } from 'drizzle-orm';
import type { JobDefinition } from '../../jobs/define-job';
import type { Database } from '../db/client';
import { jobRuns } from '../db/schema';
import type { Policy } from '../domain/policy';
import { type Fire, fireKey } from '../domain/schedule';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';

export type Trigger = 'schedule' | 'catch-up' | 'manual';

export interface JobRunner {
  /**
   * Runs `job` for `fire` unless that fire already ran, here or in another instance: the
   * job_runs row is inserted in the job's own transaction, so a crash leaves no half-run and
   * a concurrent attempt waits for the first and then skips. `force` runs again anyway
   * (an operator re-sending), recorded under its own key.
   */
  runFire(job: JobDefinition, fire: Fire, trigger: Trigger, options?: { force?: boolean }): Promise<{ ran: boolean; result?: Record<string, number> }>;
  alreadyRan(job: string, fire: Fire): Promise<boolean>;
  lastRun(job: string): Promise<{ fire: string; ranAt: Date; trigger: string; result: Record<string, unknown> } | null>;
}

export function createJobRunner(deps: {
  db: Database;
  policy: Policy;
  timeZone: string;
  cipher: DataCipher;
  now: () => Date;
  logger: Logger;
  /** Called after a run committed, e.g. to wake the outbox. */
  afterRun: () => void;
}): JobRunner {
  const { db } = deps;
  return {
    async runFire(job, fire, trigger, options = {}) {
      const now = deps.now();
      const key = options.force ? `${fireKey(fire)} manual ${now.toISOString()}` : fireKey(fire);
      const outcome = await db.transaction(async (tx) => {
        const [claimed] = await tx
          .insert(jobRuns)
          .values({ job: job.name, fire: key, firedAt: fire.at, ranAt: now, trigger, result: {} })
          .onConflictDoNothing()
          .returning({ job: jobRuns.job });
        if (!claimed) return { ran: false };
        const result = await job.run({ db: tx, now, fire, today: fire.date, timeZone: deps.timeZone, policy: deps.policy, cipher: deps.cipher });
        await tx.update(jobRuns).set({ result }).where(and(eq(jobRuns.job, job.name), eq(jobRuns.fire, key)));
        return { ran: true, result };
      });
      if (outcome.ran) {
        deps.logger.info({ job: job.name, fire: key, trigger, ...outcome.result }, 'job ran');
        deps.afterRun();
      }
      return outcome;
    },
    async alreadyRan(job, fire) {
      const rows = await db
        .select({ job: jobRuns.job })
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.fire, fireKey(fire))));
      return rows.length > 0;
    },
    async lastRun(job) {
      const [row] = await db.select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(desc(jobRuns.ranAt)).limit(1);
      return row ? { fire: row.fire, ranAt: row.ranAt, trigger: row.trigger, result: row.result } : null;
    },
  };
}

