import type { Database } from '../src/db/client';
import type { IsoDate } from '../src/domain/dates';
import type { Policy } from '../src/domain/policy';
import type { Fire } from '../src/domain/schedule';
import type { DataCipher } from '../src/shared/data-cipher';

/** Everything a job may use. `db` is the transaction that also records the fire as done. */
export interface JobContext {
  db: Database;
  now: Date;
  /** The fire being run; `fire.date` is "today" for the job, in the township's zone. */
  fire: Fire;
  today: IsoDate;
  timeZone: string;
  policy: Policy;
  /** Seals what a job sends as a file (the outbox keeps it sealed until it is uploaded). */
  cipher: DataCipher;
}

export interface JobDefinition {
  name: string;
  /** Its times of day ("HH:MM", township zone), from the policy. */
  times(policy: Policy): string[];
  /** One line for `npm run cli -- job list`. */
  description: string;
  /** How long after its time a missed fire is still worth running at start. */
  usefulMinutes: number;
  /** Does the work and enqueues its messages; returns counts for job_runs and the operator. */
  run(ctx: JobContext): Promise<Record<string, number>>;
}

export const defineJob = (def: JobDefinition): JobDefinition => def;
