import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { villages } from './villages';

/**
 * A correction the supervisors order (/督查 东风村 #12 门磁未装 限明天), closed by the village with
 * /整改 #N 完成 说明; open ones stay in the daily supervision report until closed (004 篇二
 * "镇纪委负责督查各村二包一落实情况，并进行通报").
 */
export const corrections = pgTable(
  'corrections',
  {
    id: serial('id').primaryKey(),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    caseId: integer('case_id').references(() => cases.id),
    /** What is wrong (masked free text). */
    issue: text('issue').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    chatId: text('chat_id').notNull(),
    closedBy: text('closed_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** How it was put right (masked free text). */
    closingNote: text('closing_note'),
  },
  (t) => [index('corrections_open').on(t.villageId).where(sql`${t.closedAt} is null`)],
);
