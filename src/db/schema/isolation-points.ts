import { pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A central isolation place (集中隔离点) with its own medical staff: "原则上集中隔离人员采样由
 * 隔离场所医务人员负责" (001 篇二 §8). Cases in a phase managed at a point have their work done there.
 */
export const isolationPoints = pgTable('isolation_points', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
