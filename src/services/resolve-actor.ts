import type { Database } from '../db/client';
import type { ChatBinding } from '../db/repositories/chat-bindings.repository';
import { listGrants } from '../db/repositories/role-grants.repository';
import { villagesOfTeamMember } from '../db/repositories/teams.repository';
import type { Actor } from '../domain/permissions';
import type { Policy } from '../domain/policy';
import type { RoleHeld } from '../domain/roles';
import { isMemberOf } from './membership';
import { chatsBoundTo } from './recipients';

/**
 * The actor's roles in this chat, now: grants from the database, admins from configuration,
 * and what the chat's binding gives. Powers that come from a group follow membership at the
 * time of use: a granted cadre acting outside the village group must still be in it.
 */
export async function resolveActor(
  db: Database,
  input: { openId: string; binding: ChatBinding | null; configuredAdmins: string[]; policy: Pick<Policy, 'team' | 'routing'> },
): Promise<Actor> {
  const { openId, binding, policy } = input;
  const grants = await listGrants(db, openId);
  const roles: RoleHeld[] = [];
  if (input.configuredAdmins.includes(openId) || grants.some((g) => g.role === 'admin')) roles.push({ role: 'admin' });
  for (const g of grants) {
    if (g.role === 'lead' || g.role === 'sampler') roles.push({ role: g.role });
    else if (g.role === 'point_medic' && g.pointId !== null) roles.push({ role: 'point_medic', pointId: g.pointId });
    else if (g.role !== 'admin' && g.role !== 'point_medic' && g.role !== 'cadre' && g.villageId !== null) roles.push({ role: g.role, villageId: g.villageId });
  }
  for (const villageId of await cadreVillages(db, { openId, binding, policy, granted: grants.flatMap((g) => (g.role === 'cadre' && g.villageId !== null ? [g.villageId] : [])) })) {
    roles.push({ role: 'cadre', villageId });
  }
  if (binding?.kind === 'hq') roles.push({ role: 'hq_member' });
  if (binding?.kind === 'taskforce') roles.push({ role: taskforceRole(binding.taskforce, policy.routing) });
  return { openId, roles };
}

function taskforceRole(taskforce: string, routing: Policy['routing']): 'testing_taskforce' | 'transfer_taskforce' | 'supervision_taskforce' | 'tracing_taskforce' | 'taskforce_member' {
  if (taskforce === routing.testing) return 'testing_taskforce';
  if (taskforce === routing.tracing) return 'tracing_taskforce';
  if (taskforce === routing.transfer) return 'transfer_taskforce';
  if (taskforce === routing.supervision || taskforce === routing.discipline) return 'supervision_taskforce';
  return 'taskforce_member';
}

/**
 * In a village group: everyone in it, or (policy team.requireCadreGrant, the default) only
 * those granted as its cadres or in one of its teams — a group of dozens is not all cadres.
 * Elsewhere (a private chat): the villages granted, while the person is still in the village's
 * group when it has one.
 */
async function cadreVillages(
  db: Database,
  input: { openId: string; binding: ChatBinding | null; policy: Pick<Policy, 'team'>; granted: number[] },
): Promise<number[]> {
  const { binding } = input;
  if (binding?.kind === 'village') {
    const here = binding.villageId;
    const admitted = !input.policy.team.requireCadreGrant || input.granted.includes(here) || (await villagesOfTeamMember(db, input.openId)).includes(here);
    return admitted ? [here] : [];
  }
  const kept: number[] = [];
  for (const villageId of input.granted) {
    const groups = await chatsBoundTo(db, { kind: 'village', villageId });
    if (groups.length === 0 || (await anyMember(db, groups, input.openId))) kept.push(villageId);
  }
  return kept;
}

async function anyMember(db: Database, chatIds: string[], openId: string): Promise<boolean> {
  for (const chatId of chatIds) if (await isMemberOf(db, chatId, openId)) return true;
  return false;
}
