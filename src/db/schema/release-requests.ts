import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases';

/**
 * A village's request to release a case (/解除 #12 by a cadre), decided by HQ: 解除 approves it
 * (however the case is released), 不同意 rejects it with a reason; a case that leaves
 * management otherwise (transfer, close) cancels it. Every copy of its card is patched then.
 */
export const releaseRequests = pgTable(
  'release_requests',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The chat proposed from, where a rejection is answered. */
    chatId: text('chat_id'),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'cancelled'] })
      .notNull()
      .default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Why it was rejected (masked free text). */
    reason: text('reason'),
    /** The posted copies of its card (outbox id of each send), patched when it is decided. */
    cardCopies: jsonb('card_copies').$type<{ outboxId: number; chatId: string }[]>().notNull().default([]),
  },
  (t) => [
    // One request waiting per case: a second proposal is told of the first.
    uniqueIndex('release_requests_one_pending').on(t.caseId).where(sql`${t.status} = 'pending'`),
    index('release_requests_case').on(t.caseId),
  ],
);
