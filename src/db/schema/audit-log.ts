import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Every change: who, when, from which chat, what before and after. Personal fields are masked. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorOpenId: text('actor_open_id').notNull(),
    chatId: text('chat_id'),
    action: text('action').notNull(),
    caseId: integer('case_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [index('audit_log_case').on(t.caseId)],
);
