import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { chatBindings, isolationPoints, villages } from '../schema';

export type ChatBinding =
  | { kind: 'village'; villageId: number; villageName: string }
  | { kind: 'isolation_point'; pointId: number; pointName: string }
  | { kind: 'hq' }
  | { kind: 'taskforce'; taskforce: string };

export async function getChatBinding(db: Database, chatId: string): Promise<ChatBinding | null> {
  const [row] = await db
    .select({
      kind: chatBindings.kind,
      villageId: chatBindings.villageId,
      villageName: villages.name,
      pointId: chatBindings.pointId,
      pointName: isolationPoints.name,
      taskforce: chatBindings.taskforce,
    })
    .from(chatBindings)
    .leftJoin(villages, eq(villages.id, chatBindings.villageId))
    .leftJoin(isolationPoints, eq(isolationPoints.id, chatBindings.pointId))
    .where(eq(chatBindings.chatId, chatId));
  if (!row) return null;
  if (row.kind === 'village') return { kind: 'village', villageId: row.villageId!, villageName: row.villageName! };
  if (row.kind === 'isolation_point') return { kind: 'isolation_point', pointId: row.pointId!, pointName: row.pointName! };
  if (row.kind === 'taskforce') return { kind: 'taskforce', taskforce: row.taskforce! };
  return { kind: 'hq' };
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
