import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Display names of the people the bot has met, by open_id. A row without a name is someone
 * seen (a sender, someone shown) whose name the contact lookup worker still has to ask Lark
 * for; `lookup_due_at` spaces out its attempts when Lark cannot answer.
 */
export const people = pgTable(
  'people',
  {
    openId: text('open_id').primaryKey(),
    name: text('name'),
    /** Where the name came from: an @-mention, the contact API, or a chat's member list / member events. */
    source: text('source', { enum: ['mention', 'contact', 'member'] }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lookupAttempts: integer('lookup_attempts').notNull().default(0),
    /** Null: look up at once. */
    lookupDueAt: timestamp('lookup_due_at', { withTimezone: true }),
  },
  (t) => [index('people_unnamed').on(t.lookupDueAt).where(sql`${t.name} is null`)],
);
