import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Chats Lark refused for good (bot removed, chat dissolved); HQ is told once per outage. */
export const unreachableChats = pgTable('unreachable_chats', {
  target: text('target').primaryKey(),
  code: integer('code'),
  reason: text('reason').notNull(),
  since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
});
