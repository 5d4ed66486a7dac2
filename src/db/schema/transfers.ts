import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { caseAlerts } from './duties';
import { cases } from './cases';

/**
 * A transfer (转运) as the transfer task force works it: requested by the village (or an
 * alert's 转运 button, or the registration of a close contact), a vehicle dispatched, the person
 * picked up, handed over at the receiving place — within the policy's hours ("安排专用车辆在8小时
 * 内将密切接触者转运至集中隔离场所…做好转运人员交接", 001 篇二 §26). Every copy of its card is
 * patched at each step.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** The kind of place: central isolation (an isolation point) or a hospital. */
    destination: text('destination', { enum: ['central', 'hospital'] }).notNull(),
    /** The category the case continues under at the point (e.g. close_contact); null: the policy's central isolation category. */
    category: text('category'),
    /** Why (masked free text), e.g. 密接 or the alert's kind. */
    reason: text('reason'),
    /** The alert whose 转运 button asked for it, if any. */
    alertId: integer('alert_id').references(() => caseAlerts.id),
    status: text('status', { enum: ['requested', 'dispatched', 'picked_up', 'handed_over', 'cancelled'] })
      .notNull()
      .default('requested'),
    requestedBy: text('requested_by').notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The chat it was requested from. */
    chatId: text('chat_id'),
    /** 已派车: plate, driver, escort (masked free text). */
    vehiclePlate: text('vehicle_plate'),
    driver: text('driver'),
    escort: text('escort'),
    dispatchedBy: text('dispatched_by'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
    pickedUpBy: text('picked_up_by'),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    /** 已交接: where and to whom (the isolation point's name for central isolation). */
    receivingPlace: text('receiving_place'),
    receiver: text('receiver'),
    handedOverBy: text('handed_over_by'),
    handedOverAt: timestamp('handed_over_at', { withTimezone: true }),
    /** The largest of the policy's warning hours HQ has been told of (0: none yet). */
    warnedHours: integer('warned_hours').notNull().default(0),
    /** The posted copies of its card (outbox id of each send), patched at every step. */
    cardCopies: jsonb('card_copies').$type<{ outboxId: number; chatId: string }[]>().notNull().default([]),
  },
  (t) => [
    // One transfer under way per case: a second request is told of the first.
    uniqueIndex('transfers_one_open').on(t.caseId).where(sql`${t.status} in ('requested', 'dispatched', 'picked_up')`),
    index('transfers_case').on(t.caseId),
  ],
);
