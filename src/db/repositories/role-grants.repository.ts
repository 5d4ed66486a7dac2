import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { roleGrants } from '../schema';

export type GrantedRole = 'doctor' | 'lead' | 'admin' | 'sampler' | 'point_medic' | 'cadre' | 'grid' | 'police' | 'village_leader' | 'township_cadre';

export interface RoleGrant {
  role: GrantedRole;
  villageId: number | null;
  pointId: number | null;
}

export async function listGrants(db: Database, openId: string): Promise<RoleGrant[]> {
  return db.select({ role: roleGrants.role, villageId: roleGrants.villageId, pointId: roleGrants.pointId }).from(roleGrants).where(eq(roleGrants.openId, openId));
}

/** Returns false when the person already had that role. */
export async function addGrant(
  db: Database,
  input: { openId: string; role: GrantedRole; villageId: number | null; pointId?: number | null; grantedBy: string },
): Promise<boolean> {
  const rows = await db
    .insert(roleGrants)
    .values(input)
    .onConflictDoNothing()
    .returning({ id: roleGrants.id });
  return rows.length > 0;
}

/** Removes the role (for a doctor: in that village, or in every village when villageId is undefined; likewise a point's staff). */
export async function removeGrant(
  db: Database,
  input: { openId: string; role: GrantedRole; villageId?: number | null; pointId?: number | null },
): Promise<number> {
  const villageCondition =
    input.villageId === undefined ? undefined : input.villageId === null ? isNull(roleGrants.villageId) : eq(roleGrants.villageId, input.villageId);
  const pointCondition = input.pointId === undefined ? undefined : input.pointId === null ? isNull(roleGrants.pointId) : eq(roleGrants.pointId, input.pointId);
  const rows = await db
    .delete(roleGrants)
    .where(and(eq(roleGrants.openId, input.openId), eq(roleGrants.role, input.role), villageCondition, pointCondition))
    .returning({ id: roleGrants.id });
  return rows.length;
}

/** Who holds the role (for a doctor: in that village), earliest grant first. */
export async function listHolders(db: Database, input: { role: GrantedRole; villageId: number | null }): Promise<string[]> {
  const rows = await db
    .select({ openId: roleGrants.openId })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, input.role), input.villageId === null ? isNull(roleGrants.villageId) : eq(roleGrants.villageId, input.villageId)))
    .orderBy(asc(roleGrants.grantedAt), asc(roleGrants.id));
  return rows.map((r) => r.openId);
}
