import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Every message we owe a user, written in the same transaction as the change that causes it
 * and delivered by the outbox worker. `target` orders delivery (one chat, or one user).
 * What the message says (a private /查看 card holds a full ID, phone and address) is sealed
 * in content_enc and dropped once delivered; `operation` keeps only where it goes.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    target: text('target').notNull(),
    /** The operation without its content (see OutboundOperation). */
    operation: jsonb('operation').notNull(),
    /** The sealed content (text, card, or a file's already sealed bytes); null once delivered. */
    contentEnc: text('content_enc'),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Null: due at once. Set from the app's clock when a retry is scheduled. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    lastErrorCode: integer('last_error_code'),
    larkMessageId: text('lark_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_pending').on(t.target, t.id).where(sql`${t.status} = 'pending'`),
    index('outbox_failed').on(t.failedAt).where(sql`${t.status} = 'failed'`),
    // The retention job deletes delivered messages by age.
    index('outbox_delivered').on(t.deliveredAt).where(sql`${t.status} = 'delivered'`),
    // A card press names its message: is it one the bot sent? (unknown ones get no PATCH)
    index('outbox_lark_message').on(t.larkMessageId).where(sql`${t.larkMessageId} is not null`),
  ],
);
