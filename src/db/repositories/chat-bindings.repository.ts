import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { chatBindings, villages } from '../schema';

export type ChatBinding =
  | { kind: 'village'; villageId: number; villageName: string }
  | { kind: 'hq' }
  | { kind: 'taskforce'; taskforce: string };

const bindingColumns = {
  chatId: chatBindings.chatId,
  kind: chatBindings.kind,
  villageId: chatBindings.villageId,
  villageName: villages.name,
  taskforce: chatBindings.taskforce,
};

function bindingOf(row: { kind: 'village' | 'hq' | 'taskforce'; villageId: number | null; villageName: string | null; taskforce: string | null }): ChatBinding {
  if (row.kind === 'village') return { kind: 'village', villageId: row.villageId!, villageName: row.villageName! };
  if (row.kind === 'taskforce') return { kind: 'taskforce', taskforce: row.taskforce! };
  return { kind: 'hq' };
}

export async function getChatBinding(db: Database, chatId: string): Promise<ChatBinding | null> {
  const [row] = await db.select(bindingColumns).from(chatBindings).leftJoin(villages, eq(villages.id, chatBindings.villageId)).where(eq(chatBindings.chatId, chatId));
  return row ? bindingOf(row) : null;
}

/** Every bound chat, oldest binding first. */
export async function listChatBindings(db: Database): Promise<{ chatId: string; binding: ChatBinding }[]> {
  const rows = await db.select(bindingColumns).from(chatBindings).leftJoin(villages, eq(villages.id, chatBindings.villageId)).orderBy(asc(chatBindings.boundAt), asc(chatBindings.chatId));
  return rows.map((r) => ({ chatId: r.chatId, binding: bindingOf(r) }));
}

/** Binds (or rebinds) a chat; returns the previous binding. */
export async function setChatBinding(
  db: Database,
  input: { chatId: string; binding: ChatBinding; boundBy: string },
): Promise<ChatBinding | null> {
  const previous = await getChatBinding(db, input.chatId);
  const b = input.binding;
  const values = {
    kind: b.kind,
    villageId: b.kind === 'village' ? b.villageId : null,
    taskforce: b.kind === 'taskforce' ? b.taskforce : null,
    boundBy: input.boundBy,
  };
  await db
    .insert(chatBindings)
    .values({ chatId: input.chatId, ...values })
    .onConflictDoUpdate({ target: chatBindings.chatId, set: { ...values, boundAt: new Date() } });
  return previous;
}
