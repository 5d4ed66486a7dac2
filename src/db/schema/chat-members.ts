import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Who is in which group chat, as last seen: replaced by the membership sync (Lark's member
 * list), updated at once by the member added/deleted events, and touched whenever someone
 * speaks or presses a button in the group. `seen_at` is when they were last known to be in it.
 */
export const chatMembers = pgTable(
  'chat_members',
  {
    chatId: text('chat_id').notNull(),
    openId: text('open_id').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.openId] }), index('chat_members_open_id').on(t.openId)],
);
