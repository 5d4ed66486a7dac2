import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { JobDefinition } from '../../jobs/define-job';
import { todayIn } from '../domain/dates';
import type { Policy } from '../domain/policy';
import { cronExpression, fireOn, firesToCatchUp } from '../domain/schedule';
import type { Logger } from '../shared/logger';
import type { JobRunner } from './job-runner';

export interface Scheduler {
  /** Runs the fires missed while nobody was running (still useful today), then schedules every job. */
  start(): Promise<void>;
  /** The catch-up alone: the fires of today that passed and have not run. Returns how many ran. */
  catchUp(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * node-cron ticks in the township's zone, one task per job and time. Every instance
 * schedules every job; the run coordinator lets an instance skip a fire already done
 * elsewhere, and the job_runs row written with the job's work makes it exactly once.
 */
export function createScheduler(deps: {
  jobs: readonly JobDefinition[];
  runner: JobRunner;
  policy: Policy;
  timeZone: string;
  now: () => Date;
  logger: Logger;
}): Scheduler {
  const { runner, timeZone, logger } = deps;
  const taskTimes = new Map<string, { job: JobDefinition; time: string }>();
  const tasks: ScheduledTask[] = [];

  // node-cron's key is "<task name>:<slot ISO>"; the ISO is the last 24 characters.
  const coordinator: RunCoordinator = {
    async shouldRun(key) {
      const task = taskTimes.get(key.slice(0, -25));
      if (!task) return false;
      const slot = new Date(key.slice(-24));
      return !(await runner.alreadyRan(task.job.name, fireOn(todayIn(timeZone, slot), task.time, timeZone)));
    },
  };

  async function catchUp(): Promise<number> {
    let ran = 0;
    for (const job of deps.jobs) {
      for (const fire of firesToCatchUp({ times: job.times(deps.policy), now: deps.now(), timeZone, usefulMinutes: job.usefulMinutes })) {
        if ((await runner.runFire(job, fire, 'catch-up')).ran) ran++;
      }
    }
    return ran;
  }

  return {
    catchUp,
    async start() {
      try {
        await catchUp();
      } catch (e) {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'job catch-up failed');
      }
      for (const job of deps.jobs) {
        for (const time of job.times(deps.policy)) {
          const name = `${job.name}@${time}`;
          taskTimes.set(name, { job, time });
          const task = cron.schedule(
            cronExpression(time),
            async (ctx) => {
              try {
                await runner.runFire(job, fireOn(todayIn(timeZone, ctx.date), time, timeZone), 'schedule');
              } catch (e) {
                logger.error({ job: job.name, time, err: e instanceof Error ? e.message : String(e) }, 'job failed');
              }
            },
            { name, timezone: timeZone, noOverlap: true, distributed: true, runCoordinator: coordinator },
          );
          tasks.push(task);
        }
      }
    },
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      tasks.length = 0;
    },
  };
}
