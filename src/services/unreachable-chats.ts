import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { unreachableChats } from '../db/schema';
import { getChatBinding } from '../db/repositories/chat-bindings.repository';
import { adminText } from '../messages/admin';
import { statusText } from '../messages/status';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { chatsBoundTo } from './recipients';

// Lark codes meaning the bot cannot post to this chat or person until someone acts.
export const UNREACHABLE_CODES = new Set([230002, 232009, 230035, 230053]);

/**
 * Records that a chat refused our messages for good and, the first time, tells every HQ
 * group (in the same transaction, through the outbox like any other message).
 */
export async function recordUnreachable(db: Database, input: { target: string; code: number | undefined }): Promise<void> {
  const reason = (input.code !== undefined && statusText.reasons[input.code]) || statusText.reasonUnknown(input.code);
  const inserted = await db
    .insert(unreachableChats)
    .values({ target: input.target, code: input.code ?? null, reason })
    .onConflictDoNothing()
    .returning({ target: unreachableChats.target });
  if (inserted.length === 0) return;
  const binding = await getChatBinding(db, input.target);
  const chatName = binding ? adminText.describeBinding(binding, true) : input.target;
  for (const chatId of await chatsBoundTo(db, { kind: 'hq' })) {
    if (chatId === input.target) continue;
    await enqueueOutbound(db, {
      kind: 'send',
      receiveIdType: 'chat_id',
      receiveId: chatId,
      msgType: 'text',
      content: JSON.stringify({ text: statusText.notifyHq(chatName, reason) }),
    });
  }
}

/** A delivery got through: the chat is reachable again, and a later outage is news again. */
export async function clearUnreachable(db: Database, target: string): Promise<void> {
  await db.delete(unreachableChats).where(eq(unreachableChats.target, target));
}

export async function listUnreachable(db: Database) {
  return db.select().from(unreachableChats);
}
