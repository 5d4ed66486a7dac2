import { and, asc, eq, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { chatMembers } from '../schema';

/** These people were in the chat at `at`; a later sighting is never moved back. */
export async function markMembers(db: Database, input: { chatId: string; openIds: readonly string[]; at: Date }): Promise<void> {
  const ids = [...new Set(input.openIds)];
  if (ids.length === 0) return;
  await db
    .insert(chatMembers)
    .values(ids.map((openId) => ({ chatId: input.chatId, openId, seenAt: input.at })))
    .onConflictDoUpdate({
      target: [chatMembers.chatId, chatMembers.openId],
      set: { seenAt: sql`excluded.seen_at` },
      setWhere: sql`${chatMembers.seenAt} < excluded.seen_at`,
    });
}

/**
 * These people left the chat at `at`. A sighting after that (they came back, or a member
 * list read later still had them) wins, whatever order the news arrives in.
 */
export async function unmarkMembers(db: Database, input: { chatId: string; openIds: readonly string[]; at: Date }): Promise<number> {
  if (input.openIds.length === 0) return 0;
  const gone = await db
    .delete(chatMembers)
    .where(and(eq(chatMembers.chatId, input.chatId), inArray(chatMembers.openId, [...input.openIds]), lte(chatMembers.seenAt, input.at)))
    .returning({ openId: chatMembers.openId });
  return gone.length;
}

/** The bot left the chat (or it was read empty): nobody is known to be in it any more. */
export async function forgetChat(db: Database, input: { chatId: string; at: Date }): Promise<number> {
  const gone = await db
    .delete(chatMembers)
    .where(and(eq(chatMembers.chatId, input.chatId), lte(chatMembers.seenAt, input.at)))
    .returning({ openId: chatMembers.openId });
  return gone.length;
}

/**
 * The chat's full member list as Lark gave it when read at `readAt`: whoever is not on it and
 * was last seen before then is dropped, everyone on it is marked, in one transaction.
 */
export async function replaceMembers(db: Database, input: { chatId: string; openIds: readonly string[]; readAt: Date }): Promise<{ removed: number }> {
  return db.transaction(async (tx) => {
    const stale = and(eq(chatMembers.chatId, input.chatId), lte(chatMembers.seenAt, input.readAt));
    const gone = await tx
      .delete(chatMembers)
      .where(input.openIds.length ? and(stale, notInArray(chatMembers.openId, [...input.openIds])) : stale)
      .returning({ openId: chatMembers.openId });
    await markMembers(tx, { chatId: input.chatId, openIds: input.openIds, at: input.readAt });
    return { removed: gone.length };
  });
}

export async function isChatMember(db: Database, chatId: string, openId: string): Promise<boolean> {
  const [row] = await db
    .select({ openId: chatMembers.openId })
    .from(chatMembers)
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.openId, openId)));
  return row !== undefined;
}

export async function listChatMembers(db: Database, chatId: string): Promise<string[]> {
  const rows = await db.select({ openId: chatMembers.openId }).from(chatMembers).where(eq(chatMembers.chatId, chatId)).orderBy(asc(chatMembers.openId));
  return rows.map((r) => r.openId);
}
