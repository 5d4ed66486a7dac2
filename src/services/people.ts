import type { Database } from '../db/client';
import { markMembers } from '../db/repositories/chat-members.repository';
import { namesByOpenId, noteUnnamed, saveNames } from '../db/repositories/people.repository';
import { peopleText } from '../messages/people';

/** Lark user ids the contact API can look up (not the bot's app id, not a placeholder). */
export const isOpenId = (id: string) => id.startsWith('ou_');

const MAX_NAME_CHARS = 30;

/** A name as Lark gave it, fit to show: one line, no control characters, bounded; null if nothing is left. */
export function cleanName(name: string | undefined | null): string | null {
  if (!name) return null;
  // eslint-disable-next-line no-control-regex -- stripping them is the point
  const one = name
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ')
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return one ? Array.from(one).slice(0, MAX_NAME_CHARS).join('') : null;
}

/**
 * Display names for these people: the learned name, else a short form of the open_id. Those
 * without a name are queued for the contact lookup, so whoever is shown once is named next time.
 */
export async function displayNames(db: Database, openIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(openIds)].filter(Boolean);
  const known = await namesByOpenId(db, ids);
  await noteUnnamed(db, ids.filter((id) => !known.has(id) && isOpenId(id)));
  return new Map(ids.map((id) => [id, known.get(id) ?? peopleText.unknownName(id)]));
}

/** displayNames for a long read (the ledger): each person is asked for once; `load` before `get`. */
export function createNameBook(db: Database) {
  const names = new Map<string, string>();
  return {
    async load(openIds: readonly (string | null)[]) {
      const missing = openIds.filter((id): id is string => !!id && !names.has(id));
      if (missing.length) for (const [id, name] of await displayNames(db, missing)) names.set(id, name);
    },
    get: (openId: string) => names.get(openId) ?? peopleText.unknownName(openId),
  };
}

/**
 * What a message or a button press tells about people, in the handler's transaction: the
 * sender is someone to name, and a member of the group at this moment; mentioned people come
 * with the names Lark shows for them.
 */
export async function notePeopleMet(
  db: Database,
  input: { openId: string; groupChatId: string | null; mentions?: readonly { id: { open_id?: string }; name?: string }[]; botOpenId?: string | null; at: Date },
): Promise<void> {
  const named: { openId: string; name: string }[] = [];
  const unnamed = [input.openId];
  for (const m of input.mentions ?? []) {
    const id = m.id.open_id;
    if (!id || !isOpenId(id) || id === input.botOpenId) continue;
    const name = cleanName(m.name);
    if (name) named.push({ openId: id, name });
    else unnamed.push(id);
  }
  await noteUnnamed(db, unnamed.filter(isOpenId));
  await saveNames(db, { names: named, source: 'mention', now: input.at });
  if (input.groupChatId) await markMembers(db, { chatId: input.groupChatId, openIds: [input.openId], at: input.at });
}
