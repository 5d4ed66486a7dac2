import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The content each card message was last patched to (a hash), so a button press that
 * changes nothing queues no PATCH (issue 11, finding 10).
 */
export const cardMessages = pgTable('card_messages', {
  messageId: text('message_id').primaryKey(),
  contentHash: text('content_hash').notNull(),
  patchedAt: timestamp('patched_at', { withTimezone: true }).notNull(),
});
