import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { chatBindings, isolationPoints, villages } from '../schema';

export type ChatBinding =
  | { kind: 'village'; villageId: number; villageName: string }
  | { kind: 'isolation_point'; pointId: number; pointName: string }
  | { kind: 'hq' }
  | { kind: 'taskforce'; taskforce: string };

const bindingColumns = {
  chatId: chatBindings.chatId,
  kind: chatBindings.kind,
  villageId: chatBindings.villageId,
  villageName: villages.name,
  pointId: chatBindings.pointId,
  pointName: isolationPoints.name,
  taskforce: chatBindings.taskforce,
};

const selectBindings = (db: Database) =>
  db
    .select(bindingColumns)
    .from(chatBindings)
    .leftJoin(villages, eq(villages.id, chatBindings.villageId))
    .leftJoin(isolationPoints, eq(isolationPoints.id, chatBindings.pointId));

function bindingOf(row: {
  kind: ChatBinding['kind'];
  villageId: number | null;
  villageName: string | null;
  pointId: number | null;
  pointName: string | null;
  taskforce: string | null;
}): ChatBinding {
  if (row.kind === 'village') return { kind: 'village', villageId: row.villageId!, villageName: row.villageName! };
  if (row.kind === 'isolation_point') return { kind: 'isolation_point', pointId: row.pointId!, pointName: row.pointName! };
  if (row.kind === 'taskforce') return { kind: 'taskforce', taskforce: row.taskforce! };
  return { kind: 'hq' };
}

export async function getChatBinding(db: Database, chatId: string): Promise<ChatBinding | null> {
  const [row] = await selectBindings(db).where(eq(chatBindings.chatId, chatId));
  return row ? bindingOf(row) : null;
}

/** Every bound chat, oldest binding first. */
export async function listChatBindings(db: Database): Promise<{ chatId: string; binding: ChatBinding }[]> {
  const rows = await selectBindings(db).orderBy(asc(chatBindings.boundAt), asc(chatBindings.chatId));
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
    pointId: b.kind === 'isolation_point' ? b.pointId : null,
    taskforce: b.kind === 'taskforce' ? b.taskforce : null,
    boundBy: input.boundBy,
  };
  await db
    .insert(chatBindings)
    .values({ chatId: input.chatId, ...values })
    .onConflictDoUpdate({ target: chatBindings.chatId, set: { ...values, boundAt: new Date() } });
  return previous;
}
