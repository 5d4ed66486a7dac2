import type { Database } from '../db/client';
import { forgetChat, isChatMember, listChatMembers, markMembers, unmarkMembers } from '../db/repositories/chat-members.repository';
import { noteUnnamed, saveNames } from '../db/repositories/people.repository';
import { ChatMemberEventSchema, type ChatMemberEventType } from '../lark/events';
import { cleanName, isOpenId } from './people';

/**
 * Whether the person is in the group chat as far as the bot knows: seen speaking or pressing
 * in it, on its member list at the last sync, or added since (and not removed since). For
 * permission checks; the cache is at most one sync interval old when no member events come.
 */
export function isMemberOf(db: Database, chatId: string, openId: string): Promise<boolean> {
  return isChatMember(db, chatId, openId);
}

/** The open_ids known to be in the group chat, sorted. */
export function membersOf(db: Database, chatId: string): Promise<string[]> {
  return listChatMembers(db, chatId);
}

/**
 * A member event from the inbox, in its transaction: people added are members (and their
 * names are learned), people removed are not, and a bot removed from the chat knows nobody
 * in it any more. `at` is when the bot took the news; later news of the same person wins.
 */
export async function applyChatMemberEvent(db: Database, delivery: { eventType: ChatMemberEventType; payload: unknown }, at: Date): Promise<void> {
  const event = ChatMemberEventSchema.parse(delivery.payload);
  const users = (event.users ?? []).flatMap((u) => {
    const openId = u.user_id.open_id;
    return openId && isOpenId(openId) ? [{ openId, name: cleanName(u.name) }] : [];
  });
  const openIds = users.map((u) => u.openId);
  if (delivery.eventType === 'im.chat.member.bot.deleted_v1') {
    await forgetChat(db, { chatId: event.chat_id, at });
  } else if (delivery.eventType === 'im.chat.member.user.deleted_v1') {
    await unmarkMembers(db, { chatId: event.chat_id, openIds, at });
  } else {
    await markMembers(db, { chatId: event.chat_id, openIds, at });
    await noteUnnamed(db, users.filter((u) => !u.name).map((u) => u.openId));
    await saveNames(db, { names: users.flatMap((u) => (u.name ? [{ openId: u.openId, name: u.name }] : [])), source: 'member', now: at });
  }
}
