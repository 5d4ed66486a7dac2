import { and, eq, or } from 'drizzle-orm';
import type { Database } from '../db/client';
import { chatBindings, roleGrants } from '../db/schema';
import type { Place } from '../domain/place';
import type { Policy } from '../domain/policy';

/** The group chats bound to a village, an isolation point, the HQ, or a task force. */
export async function chatsBoundTo(
  db: Database,
  to: { kind: 'village'; villageId: number } | { kind: 'isolation_point'; pointId: number } | { kind: 'hq' } | { kind: 'taskforce'; taskforce: string },
): Promise<string[]> {
  const condition =
    to.kind === 'village'
      ? and(eq(chatBindings.kind, 'village'), eq(chatBindings.villageId, to.villageId))
      : to.kind === 'isolation_point'
        ? and(eq(chatBindings.kind, 'isolation_point'), eq(chatBindings.pointId, to.pointId))
        : to.kind === 'taskforce'
          ? and(eq(chatBindings.kind, 'taskforce'), eq(chatBindings.taskforce, to.taskforce))
          : eq(chatBindings.kind, 'hq');
  const rows = await db.select({ chatId: chatBindings.chatId }).from(chatBindings).where(condition);
  return rows.map((r) => r.chatId);
}

/** The group chats of a place: its village's groups, or its isolation point's. */
export function chatsOfPlace(db: Database, place: Place): Promise<string[]> {
  return chatsBoundTo(db, place.kind === 'village' ? { kind: 'village', villageId: place.id } : { kind: 'isolation_point', pointId: place.id });
}

/** The medical staff of an isolation point, who sample and measure there (001 篇二 §8). */
export async function medicsOf(db: Database, pointId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ openId: roleGrants.openId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, 'point_medic'), eq(roleGrants.pointId, pointId)));
  return rows.map((r) => r.openId);
}

/** People to @-mention about a case's alert: the doctors of its village (or the staff of its isolation point) and the township's leads. */
export async function doctorsAndLeads(db: Database, place: Place): Promise<string[]> {
  const staff =
    place.kind === 'village'
      ? and(eq(roleGrants.role, 'doctor'), eq(roleGrants.villageId, place.id))
      : and(eq(roleGrants.role, 'point_medic'), eq(roleGrants.pointId, place.id));
  const rows = await db.selectDistinct({ openId: roleGrants.openId }).from(roleGrants).where(or(staff, eq(roleGrants.role, 'lead')));
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

/** The groups that supervise the villages: the 督导检查 task force and the discipline committee (纪委). */
export async function supervisorChats(db: Database, policy: Pick<Policy, 'routing'>): Promise<string[]> {
  return [
    ...(await chatsBoundTo(db, { kind: 'taskforce', taskforce: policy.routing.supervision })),
    ...(await chatsBoundTo(db, { kind: 'taskforce', taskforce: policy.routing.discipline })),
  ];
}
