import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Shared send-rate state (GCRA): for each key ("app", "chat:oc_…") the earliest moment the
 * next message may go. In the database so that several instances respect one limit.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  nextAllowedAt: timestamp('next_allowed_at', { withTimezone: true, mode: 'date' }).notNull(),
});
