import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../domain/dates';
import { cases } from './cases';
import { imports } from './imports';
import { villages } from './villages';

/**
 * A list pushed from above (/下发): contacts, 时空伴随 people, returnees, each row to be found
 * and put under the right measure the same day ("实现真正的“日推日清”", 001 篇二 §7). The batch
 * is named by the file's 批次 column (or its file name): a second /下发 of the same list finds
 * its rows already pushed.
 */
export const pushBatches = pgTable('push_batches', {
  id: serial('id').primaryKey(),
  key: text('key').notNull().unique(),
  importId: integer('import_id')
    .notNull()
    .references(() => imports.id),
  /** The chat /下发 was typed in and who typed it: the result goes back to them. */
  chatId: text('chat_id').notNull(),
  pushedBy: text('pushed_by').notNull(),
  pushedAt: timestamp('pushed_at', { withTimezone: true }).notNull(),
  deadline: timestamp('deadline', { withTimezone: true }).notNull(),
  /** The smallest of the policy's hours-before-deadline the villages were reminded at (null: none yet). */
  remindedHours: integer('reminded_hours'),
  /** When HQ was told of the rows left unchecked at the deadline. */
  deadlineReportedAt: timestamp('deadline_reported_at', { withTimezone: true }),
  /** When the result sheet went to the lead (all rows checked, or the deadline). */
  resultSentAt: timestamp('result_sent_at', { withTimezone: true }),
  /** The outbox row of the lead's batch card (the import preview, patched as villages check). */
  batchCardOutboxId: integer('batch_card_outbox_id'),
});

export const PUSH_ROW_STATUSES = ['pending', 'registered', 'away', 'managed'] as const;
export type PushRowStatus = (typeof PUSH_ROW_STATUSES)[number];

/** A row's person as the list gave it: sealed (it carries the ID number and phone). */
export interface PushPerson {
  name: string;
  idNumber: string;
  phone: string | null;
  address: string | null;
  area: string | null;
  time: string | null;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

export const pushRows = pgTable(
  'push_rows',
  {
    id: serial('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => pushBatches.id),
    /** The row number in the file, as the county's list numbers it. */
    rowNo: integer('row_no').notNull(),
    /** null: no village could be read from the row; the lead assigns one. */
    villageId: integer('village_id').references(() => villages.id),
    /** The village that passed it on (转交), shown on that village's card. */
    forwardedFrom: integer('forwarded_from').references(() => villages.id),
    personEnc: text('person_enc').notNull(),
    nameMasked: text('name_masked').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    /** The list's type (密接, 时空伴随 …) as the policy names it, and the category it maps to. */
    typeLabel: text('type_label').notNull(),
    categoryCode: text('category_code').notNull(),
    status: text('status', { enum: PUSH_ROW_STATUSES }).notNull().default('pending'),
    /** registered / managed: the case; away: where (已离开 …) and a note (masked free text). */
    caseId: integer('case_id').references(() => cases.id),
    awayReason: text('away_reason'),
    note: text('note'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('push_rows_batch_person').on(t.batchId, t.idNumberHash), index('push_rows_village').on(t.batchId, t.villageId)],
);

/** Every posted copy of a village's 待核查 card (one per village group), patched at each decision. */
export const pushCards = pgTable(
  'push_cards',
  {
    id: serial('id').primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => pushBatches.id),
    villageId: integer('village_id')
      .notNull()
      .references(() => villages.id),
    chatId: text('chat_id').notNull(),
    outboxId: integer('outbox_id').notNull(),
  },
  (t) => [index('push_cards_batch_village').on(t.batchId, t.villageId)],
);

export type PushRowRecord = typeof pushRows.$inferSelect;
export type PushBatchRecord = typeof pushBatches.$inferSelect;
