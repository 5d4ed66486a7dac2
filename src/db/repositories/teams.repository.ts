import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../client';
import { caseTeamMembers, cases, villageTeamDefaults } from '../schema';

export interface TeamMember {
  part: string;
  openId: string;
}

export async function listCaseTeam(db: Database, caseId: number): Promise<TeamMember[]> {
  return db
    .select({ part: caseTeamMembers.part, openId: caseTeamMembers.openId })
    .from(caseTeamMembers)
    .where(eq(caseTeamMembers.caseId, caseId))
    .orderBy(asc(caseTeamMembers.addedAt), asc(caseTeamMembers.part));
}

/** The teams of many cases at once (cards and lists), by case. */
export async function listTeamsOf(db: Database, caseIds: number[]): Promise<Map<number, TeamMember[]>> {
  const byCase = new Map<number, TeamMember[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .select({ caseId: caseTeamMembers.caseId, part: caseTeamMembers.part, openId: caseTeamMembers.openId })
    .from(caseTeamMembers)
    .where(inArray(caseTeamMembers.caseId, caseIds))
    .orderBy(asc(caseTeamMembers.addedAt));
  for (const r of rows) byCase.set(r.caseId, [...(byCase.get(r.caseId) ?? []), { part: r.part, openId: r.openId }]);
  return byCase;
}

/** Puts people on a case's team; those already there for that part stay once. */
export async function addCaseTeamMembers(db: Database, input: { caseId: number; members: TeamMember[]; by: string; at: Date }): Promise<void> {
  if (input.members.length === 0) return;
  await db
    .insert(caseTeamMembers)
    .values(input.members.map((m) => ({ caseId: input.caseId, part: m.part, openId: m.openId, addedBy: input.by, addedAt: input.at })))
    .onConflictDoNothing();
}

/** Takes a part off a case's team: everyone holding it, or one person. Returns how many went. */
export async function removeCaseTeamMembers(db: Database, input: { caseId: number; part?: string; openId?: string }): Promise<number> {
  const rows = await db
    .delete(caseTeamMembers)
    .where(
      and(
        eq(caseTeamMembers.caseId, input.caseId),
        input.part === undefined ? undefined : eq(caseTeamMembers.part, input.part),
        input.openId === undefined ? undefined : eq(caseTeamMembers.openId, input.openId),
      ),
    )
    .returning({ openId: caseTeamMembers.openId });
  return rows.length;
}

export async function listVillageTeamDefaults(db: Database, villageId: number): Promise<TeamMember[]> {
  return db
    .select({ part: villageTeamDefaults.part, openId: villageTeamDefaults.openId })
    .from(villageTeamDefaults)
    .where(eq(villageTeamDefaults.villageId, villageId))
    .orderBy(asc(villageTeamDefaults.addedAt));
}

/** Sets who holds these parts of a village's standing team (each part replaced as a whole). */
export async function setVillageTeamDefaults(db: Database, input: { villageId: number; members: TeamMember[]; by: string; at: Date }): Promise<void> {
  const parts = [...new Set(input.members.map((m) => m.part))];
  if (parts.length === 0) return;
  await db.delete(villageTeamDefaults).where(and(eq(villageTeamDefaults.villageId, input.villageId), inArray(villageTeamDefaults.part, parts)));
  await db
    .insert(villageTeamDefaults)
    .values(input.members.map((m) => ({ villageId: input.villageId, part: m.part, openId: m.openId, addedBy: input.by, addedAt: input.at })))
    .onConflictDoNothing();
}

/**
 * The villages where this person is in a team: of an active case, or the village's standing
 * team (a team member acts as the village's cadre, policy team.requireCadreGrant).
 */
export async function villagesOfTeamMember(db: Database, openId: string): Promise<number[]> {
  const ofCases = await db
    .selectDistinct({ villageId: cases.villageId })
    .from(caseTeamMembers)
    .innerJoin(cases, eq(cases.id, caseTeamMembers.caseId))
    .where(and(eq(caseTeamMembers.openId, openId), eq(cases.status, 'active')));
  const standing = await db.selectDistinct({ villageId: villageTeamDefaults.villageId }).from(villageTeamDefaults).where(eq(villageTeamDefaults.openId, openId));
  return [...new Set([...ofCases, ...standing].map((r) => r.villageId))];
}

/** The active cases whose team has this person (/我的包保), soonest end first. */
export async function casesOfTeamMember(db: Database, openId: string): Promise<{ caseId: number; part: string }[]> {
  return db
    .select({ caseId: caseTeamMembers.caseId, part: caseTeamMembers.part })
    .from(caseTeamMembers)
    .innerJoin(cases, eq(cases.id, caseTeamMembers.caseId))
    .where(and(eq(caseTeamMembers.openId, openId), eq(cases.status, 'active')))
    .orderBy(asc(cases.endDate), asc(cases.id));
}
