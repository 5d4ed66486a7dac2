import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chatBindings, roleGrants } from '../db/schema';

/** The group chats bound to a village, the HQ, or a task force. */
export async function chatsBoundTo(
  db: Database,
  to: { kind: 'village'; villageId: number } | { kind: 'hq' } | { kind: 'taskforce'; taskforce: string },
): Promise<string[]> {
  const condition =
    to.kind === 'village'
      ? and(eq(chatBindings.kind, 'village'), eq(chatBindings.villageId, to.villageId))
      : to.kind === 'taskforce'
        ? and(eq(chatBindings.kind, 'taskforce'), eq(chatBindings.taskforce, to.taskforce))
        : eq(chatBindings.kind, 'hq');
  const rows = await db.select({ chatId: chatBindings.chatId }).from(chatBindings).where(condition);
  return rows.map((r) => r.chatId);
}

/** People to @-mention about a village: its doctors and the township's leads. */
export async function doctorsAndLeads(db: Database, villageId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ openId: roleGrants.openId })
    .from(roleGrants)
    .where(or(and(eq(roleGrants.role, 'doctor'), eq(roleGrants.villageId, villageId)), eq(roleGrants.role, 'lead')));
  return rows.map((r) => r.openId);
}

/** The doctors of a village, to @-mention about its open work. */
export async function doctorsOf(db: Database, villageId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ openId: roleGrants.openId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'doctor'), eq(roleGrants.villageId, villageId)));
  return rows.map((r) => r.openId);
}

/** The township's samplers (卫生院), who sample in every village. */
export async function samplersOf(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ openId: roleGrants.openId }).from(roleGrants).where(eq(roleGrants.role, 'sampler'));
  return rows.map((r) => r.openId);
}
