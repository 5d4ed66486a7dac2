import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { isolationPoints } from './isolation-points';
import { villages } from './villages';

/** What a group chat is for: one village, an isolation point, the township HQ, or a task force. */
export const chatBindings = pgTable('chat_bindings', {
  chatId: text('chat_id').primaryKey(),
  kind: text('kind', { enum: ['village', 'isolation_point', 'hq', 'taskforce'] }).notNull(),
  villageId: integer('village_id').references(() => villages.id),
  pointId: integer('point_id').references(() => isolationPoints.id),
  taskforce: text('taskforce'),
  boundBy: text('bound_by').notNull(),
  boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
});
