import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { villages } from './villages';

/** What a group chat is for: one village, the township HQ, or a task force. */
export const chatBindings = pgTable('chat_bindings', {
  chatId: text('chat_id').primaryKey(),
  kind: text('kind', { enum: ['village', 'hq', 'taskforce'] }).notNull(),
  villageId: integer('village_id').references(() => villages.id),
  taskforce: text('taskforce'),
  boundBy: text('bound_by').notNull(),
  boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
});
