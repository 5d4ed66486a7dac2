import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per job and fire (e.g. test-due, "2026-11-24 07:30" in the township's zone),
 * written in the same transaction as the job's work: the primary key makes every fire run
 * exactly once, however many instances (or operators) try.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    fire: text('fire').notNull(),
    firedAt: timestamp('fired_at', { withTimezone: true }).notNull(),
    ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
    /** How it was started: the schedule, catch-up at start, or an operator. */
    trigger: text('trigger', { enum: ['schedule', 'catch-up', 'manual'] }).notNull(),
    result: jsonb('result').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.fire] })],
);
