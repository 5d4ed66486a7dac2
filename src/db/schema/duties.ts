import { doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, date } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { cases } from './cases';

/**
 * The work planned for a case: test rounds (planned → sampled (待结果) → a result),
 * temperature checks, visits and roll calls, each due on a day within a time window.
 */
export const duties = pgTable(
  'duties',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    villageId: integer('village_id').notNull(),
    /** The isolation point whose medical staff do it; null: the village's people. */
    pointId: integer('point_id'),
    kind: text('kind', { enum: ['test', 'temp', 'visit', 'rollcall'] }).notNull(),
    day: integer('day').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    slot: text('slot'),
    phase: text('phase').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['pending', 'sampled', 'done', 'abnormal', 'missed', 'not_done', 'cancelled'] })
      .notNull()
      .default('pending'),
    sampledAt: timestamp('sampled_at', { withTimezone: true }),
    sampledBy: text('sampled_by'),
    result: text('result', { enum: ['negative', 'positive', 'invalid', 'pooled_positive'] }),
    temperature: doublePrecision('temperature'),
    symptoms: jsonb('symptoms').$type<string[]>(),
    completedBy: text('completed_by'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** A resample (无效), make-up (补采) or individual recheck (单采复核) points at the test it answers. */
    resampleOf: integer('resample_of'),
    /** Why a visit found nobody or a roll call got no answer (未见到, 未接通). */
    note: text('note'),
    /** When the 结果超时 notice went out for this sampled test (once). */
    resultOverdueAt: timestamp('result_overdue_at', { withTimezone: true }),
  },
  (t) => [
    // A village's card for a day, in card order: a page is read straight off the index.
    index('duties_village_card').on(t.villageId, t.dueDate, t.kind, t.slot, t.caseId, t.id),
    // An isolation point's card for a day.
    index('duties_point_card').on(t.pointId, t.dueDate, t.kind).where(sql`${t.pointId} is not null`),
    // The township's day (progress, overdue, summaries).
    index('duties_day').on(t.dueDate, t.kind),
    index('duties_case').on(t.caseId),
    // Work left pending from earlier days, found at once however long the history (overdue marks it missed).
    index('duties_pending_due').on(t.dueDate).where(sql`${t.status} = 'pending'`),
    // A village's overdue work of a day in card order: its first rows are read without the rest.
    index('duties_pending_card').on(t.villageId, t.dueDate, t.caseId, t.windowStart, t.id).where(sql`${t.status} = 'pending'`),
    // A case's tests, which release-due judges for every case due at once.
    index('duties_case_tests').on(t.caseId, t.day).where(sql`${t.kind} = 'test'`),
    // Sampled tests waiting for a result: the result-timeout job reads the late ones at once.
    index('duties_awaiting_result').on(t.sampledAt).where(sql`${t.status} = 'sampled'`),
  ],
);

/** Something abnormal about a case that someone must act on: fever, symptoms, a positive test. */
export const caseAlerts = pgTable(
  'case_alerts',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    villageId: integer('village_id').notNull(),
    /** The isolation point whose staff look after the case now; null: its village. */
    pointId: integer('point_id'),
    kind: text('kind', { enum: ['fever', 'symptom', 'positive', 'pooled_positive'] }).notNull(),
    temperature: doublePrecision('temperature'),
    symptoms: jsonb('symptoms').$type<string[]>(),
    dutyId: integer('duty_id'),
    openedBy: text('opened_by').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    /** When a recheck is expected by; past it without one, HQ is told again (once). */
    recheckDueAt: timestamp('recheck_due_at', { withTimezone: true }),
    repeatedAt: timestamp('repeated_at', { withTimezone: true }),
    recheckCelsius: doublePrecision('recheck_celsius'),
    recheckAt: timestamp('recheck_at', { withTimezone: true }),
    recheckBy: text('recheck_by'),
    /** Where this alert's card was posted (outbox row, chat), so every copy can be updated. */
    cardCopies: jsonb('card_copies').$type<{ outboxId: number; chatId: string }[]>().notNull().default([]),
    transferRequestedAt: timestamp('transfer_requested_at', { withTimezone: true }),
    /** 已送发热门诊 (000 篇二, 002 篇9). */
    feverClinicAt: timestamp('fever_clinic_at', { withTimezone: true }),
    feverClinicBy: text('fever_clinic_by'),
    transferRequestedBy: text('transfer_requested_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: text('closed_by'),
  },
  (t) => [index('case_alerts_case').on(t.caseId), index('case_alerts_open_recheck').on(t.recheckDueAt)],
);
