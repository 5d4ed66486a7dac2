import { jobs } from '../../jobs';
import { type IsoDate, isValidIsoDate, todayIn, zonedDateTimeToInstant } from '../domain/dates';
import { type Fire, fireAt, fireKey, fireOn } from '../domain/schedule';
import type { Homewatch } from '../homewatch';
import { createJobRunner } from '../scheduler/job-runner';
import type { Logger } from '../shared/logger';
import type { SandboxClock } from './sandbox-clock';

export interface JobRunRequest {
  name: string;
  /** Simulated day in the township's zone; default today. */
  date?: IsoDate;
  /** Simulated time "HH:MM"; with a date but no time, the job's first time that day. */
  time?: string;
}

export type JobRunOutcome =
  | { ok: true; job: string; fire: string; result: Record<string, number> }
  | { ok: false; error: 'unknown_job' | 'bad_date' | 'bad_time' };

/** Which fire a request means, and the instant the job believes it is. */
export function resolveFire(input: { times: string[]; date?: string; time?: string; now: Date; timeZone: string }): { fire: Fire; at: Date } | 'bad_date' | 'bad_time' {
  if (input.date !== undefined && !isValidIsoDate(input.date)) return 'bad_date';
  if (input.time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(input.time)) return 'bad_time';
  if (input.time === undefined) {
    if (input.date === undefined) return { fire: fireAt({ times: input.times, now: input.now, timeZone: input.timeZone }), at: input.now };
    const fire = fireOn(input.date, [...input.times].sort()[0]!, input.timeZone);
    return { fire, at: fire.at };
  }
  const at = zonedDateTimeToInstant(input.date ?? todayIn(input.timeZone, input.now), input.time, input.timeZone);
  return { fire: fireAt({ times: input.times, now: at, timeZone: input.timeZone }), at };
}

/**
 * The jobs panel: one fire of a job at a simulated instant, like `npm run cli -- job <name>
 * --now … --force` (forced, so a demo can run the same morning again). A date or time sets
 * the sandbox's clock to that instant, so what is done on the job's cards afterwards happens
 * on that day too; without either the job runs at the clock's now. It runs on the bot's own
 * database and its messages leave through the bot's outbox like any scheduled run.
 */
export async function runJob(input: { homewatch: Homewatch; timeZone: string; logger: Logger; request: JobRunRequest; clock: SandboxClock }): Promise<JobRunOutcome> {
  const job = jobs.find((j) => j.name === input.request.name);
  if (!job) return { ok: false, error: 'unknown_job' };
  const { homewatch } = input;
  const resolved = resolveFire({
    times: job.times(homewatch.policy),
    date: input.request.date,
    time: input.request.time,
    now: input.clock.now(),
    timeZone: input.timeZone,
  });
  if (typeof resolved === 'string') return { ok: false, error: resolved };
  if (input.request.date !== undefined || input.request.time !== undefined) input.clock.simulate(resolved.at);
  // A forced run is recorded under its fire and its `now`; running the same simulated instant
  // again would reuse that key and be skipped, so each repeat is told apart by a millisecond.
  for (let repeat = 0; ; repeat++) {
    const runner = createJobRunner({
      db: homewatch.database.db,
      policy: homewatch.policy,
      cipher: homewatch.cipher,
      timeZone: input.timeZone,
      now: () => new Date(resolved.at.getTime() + repeat),
      logger: input.logger,
      afterRun: () => homewatch.outbox?.notify(),
    });
    const outcome = await runner.runFire(job, resolved.fire, 'manual', { force: true });
    if (outcome.ran) return { ok: true, job: job.name, fire: fireKey(resolved.fire), result: outcome.result ?? {} };
  }
}
