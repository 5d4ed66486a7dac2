import type { Database } from '../db/client';
import { getIsolationPointsByIds } from '../db/repositories/isolation-points.repository';
import { getVillagesByIds } from '../db/repositories/villages.repository';
import type { RoleHeld } from '../domain/roles';
import { adminText } from '../messages/admin';
import { common } from '../messages/common';

/** The roles held, in Chinese, each with its villages or points: 「村医（东风村、红旗村）」. */
export async function describeRoles(db: Database, roles: readonly RoleHeld[]): Promise<string[]> {
  const villageNames = new Map((await getVillagesByIds(db, roles.flatMap((r) => ('villageId' in r ? [r.villageId] : [])))).map((v) => [v.id, v.name]));
  const pointNames = new Map((await getIsolationPointsByIds(db, roles.flatMap((r) => ('pointId' in r ? [r.pointId] : [])))).map((p) => [p.id, p.name]));
  const places = new Map<RoleHeld['role'], string[]>();
  for (const r of roles) {
    const list = places.get(r.role) ?? [];
    if ('villageId' in r) list.push(villageNames.get(r.villageId) ?? `#${r.villageId}`);
    if ('pointId' in r) list.push(pointNames.get(r.pointId) ?? `#${r.pointId}`);
    places.set(r.role, list);
  }
  return [...places].map(([role, where]) => adminText.roleAt(common.roleNames[role], where));
}
