import { date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { villages } from './villages';

/** A village's daily report (`/上报`), one per village, day and report of the policy. */
export const villageReports = pgTable(
  'village_reports',
  {
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    reportDate: date('report_date', { mode: 'string' }).notNull(),
    /** The policy's report key (e.g. "daily"). */
    report: text('report').notNull(),
    reportedBy: text('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    chatId: text('chat_id').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.reportDate, t.report] })],
);
