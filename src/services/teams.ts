import { inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { addCaseTeamMembers, listVillageTeamDefaults } from '../db/repositories/teams.repository';
import { roleGrants } from '../db/schema';
import type { Category, Policy } from '../domain/policy';
import { missingParts, type TeamMember, teamAfter } from '../domain/team';
import { teamText } from '../messages/teams';
import { displayNames } from './people';

/**
 * For each person, the team part their granted role implies (a granted 村医 takes the 村医
 * part), or null: a mention with no part word takes that part.
 */
export async function partsByRole(db: Database, openIds: string[], policy: Policy): Promise<Map<string, string | null>> {
  const grants = openIds.length ? await db.select({ openId: roleGrants.openId, role: roleGrants.role }).from(roleGrants).where(inArray(roleGrants.openId, openIds)) : [];
  return new Map(
    openIds.map((id) => {
      const roles = grants.filter((g) => g.openId === id).map((g) => g.role);
      return [id, policy.team.parts.find((p) => p.role !== undefined && roles.includes(p.role))?.key ?? null];
    }),
  );
}

/**
 * The team a new case starts with: the people the registration named, then the village's
 * standing team for the parts nobody was named for. Returns it and the required parts still
 * missing (the registration goes through; the reply says what to add).
 */
export async function startCaseTeam(
  db: Database,
  input: { caseId: number; villageId: number; named: TeamMember[]; category: Category; by: string; at: Date },
): Promise<{ team: TeamMember[]; missing: string[] }> {
  const team = teamAfter({ current: [], assign: input.named, removeParts: [], removePeople: [], defaults: await listVillageTeamDefaults(db, input.villageId) });
  await addCaseTeamMembers(db, { caseId: input.caseId, members: team, by: input.by, at: input.at });
  return { team, missing: missingParts(input.category.teamRequired, team) };
}

/** 「包保：村干部 李四；村医 王医生」, parts in the policy's order, with what is still missing. */
export async function describeTeam(db: Database, input: { team: TeamMember[]; missing: string[]; policy: Policy }): Promise<string> {
  const names = await displayNames(db, input.team.map((m) => m.openId));
  const parts = input.policy.team.parts
    .map((p) => ({ label: p.label, people: input.team.filter((m) => m.part === p.key).map((m) => names.get(m.openId)!) }))
    .filter((p) => p.people.length);
  return teamText.line(parts, input.missing.map((k) => input.policy.team.parts.find((p) => p.key === k)?.label ?? k));
}
