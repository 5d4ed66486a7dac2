import { index, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Files people sent to chats the bot is in. Lark only lets the bot download a file through
 * the message that carried it, so /import needs the message id and file key from here.
 */
export const incomingFiles = pgTable(
  'incoming_files',
  {
    id: serial('id').primaryKey(),
    chatId: text('chat_id').notNull(),
    senderOpenId: text('sender_open_id').notNull(),
    messageId: text('message_id').notNull(),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('incoming_files_message').on(t.messageId), index('incoming_files_sender').on(t.chatId, t.senderOpenId, t.receivedAt)],
);
