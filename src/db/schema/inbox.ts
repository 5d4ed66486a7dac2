import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
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
  },
  (t) => [index('inbox_pending').on(t.id).where(sql`${t.status} = 'pending'`)],
);
