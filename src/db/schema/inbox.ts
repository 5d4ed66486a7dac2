import { bigint, bigserial, index, integer, pgTable, real, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Accepted Lark deliveries, stored before the HTTP 200 goes out and processed afterwards.
 * The unique keys make a redelivery a no-op. The payload holds personal data as typed by
 * users, so it is kept encrypted and dropped once processed.
 */
export const inbox = pgTable(
  'inbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull().unique(),
    messageId: text('message_id').unique(),
    eventType: text('event_type').notNull(),
    payloadEnc: text('payload_enc'),
    status: text('status', { enum: ['pending', 'done', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: due at once. Set from the app's clock when a retry is scheduled. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** The chat the delivery came from: deliveries are claimed round-robin by chat. */
    chatKey: text('chat_key'),
    /** Who sent it (messages only), for the per-sender budget. */
    senderKey: text('sender_key'),
    /**
     * Its chat's place in the round: the n-th pending delivery of a chat gets the n-th turn
     * from the current one, and the worker claims by (turn, id) — so a chat with a backlog
     * of 2 000 takes one turn in each round, not the whole inbox.
     */
    turn: bigint('turn', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    index('inbox_pending').on(t.id).where(sql`${t.status} = 'pending'`),
    index('inbox_pending_turn').on(t.turn, t.id).where(sql`${t.status} = 'pending'`),
    index('inbox_pending_chat').on(t.chatKey, t.turn).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * How many messages each sender may still have handled (a token bucket refilled with
 * time), so one person cannot keep the bot busy for everyone else.
 */
export const senderBudgets = pgTable('sender_budgets', {
  senderKey: text('sender_key').primaryKey(),
  tokens: real('tokens').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  /** When the sender was last told 「操作太频繁」: told once per empty bucket. */
  warnedAt: timestamp('warned_at', { withTimezone: true }),
});
