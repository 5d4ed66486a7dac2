import type { Database } from '../db/client';
import type { ChatBinding } from '../db/repositories/chat-bindings.repository';
import { listGrants } from '../db/repositories/role-grants.repository';
import type { Actor } from '../domain/permissions';

/** The actor's powers in this chat: grants from the database, admins from configuration, and the chat's binding. */
export async function resolveActor(
  db: Database,
  input: { openId: string; binding: ChatBinding | null; configuredAdmins: string[] },
): Promise<Actor> {
  const grants = await listGrants(db, input.openId);
  return {
    openId: input.openId,
    isAdmin: input.configuredAdmins.includes(input.openId) || grants.some((g) => g.role === 'admin'),
    isLead: input.binding?.kind === 'hq' || grants.some((g) => g.role === 'lead'),
    doctorOf: grants.filter((g) => g.role === 'doctor' && g.villageId !== null).map((g) => g.villageId!),
    isSampler: grants.some((g) => g.role === 'sampler'),
    medicOf: grants.filter((g) => g.role === 'point_medic' && g.pointId !== null).map((g) => g.pointId!),
    cadreOf: input.binding?.kind === 'village' ? input.binding.villageId : null,
  };
}
