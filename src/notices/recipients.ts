import { asc, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { caseTeamMembers, cases } from '../db/schema';

/**
 * Who hands each case's notice over to the person: open_id by case id, one for every case
 * asked about. A parameter of sendNotices, so the rule can change (the case's team) in one place.
 */
export type NoticeRecipients = (db: Database, caseIds: readonly number[]) => Promise<Map<number, string>>;

/** The cadre who registered the case (cases.registered_by): they know the person and the door. */
export const registeringCadre: NoticeRecipients = async (db, caseIds) => {
  if (caseIds.length === 0) return new Map();
  const rows = await db.select({ id: cases.id, openId: cases.registeredBy }).from(cases).where(inArray(cases.id, [...caseIds]));
  return new Map(rows.map((r) => [r.id, r.openId]));
};

/**
 * The team member who hands a notice over: the part whose work the door visits are (policy
 * team.work.visit: the village's cadre, "由镇包保干部或村（社区）干部发放", 004 篇四), else the
 * team's lead, else the cadre who registered the case.
 */
export function teamHandover(policy: { team: { work: { visit: string }; lead: string } }): NoticeRecipients {
  return async (db, caseIds) => {
    const fallback = await registeringCadre(db, caseIds);
    if (caseIds.length === 0) return fallback;
    const members = await db
      .select({ caseId: caseTeamMembers.caseId, part: caseTeamMembers.part, openId: caseTeamMembers.openId })
      .from(caseTeamMembers)
      .where(inArray(caseTeamMembers.caseId, [...caseIds]))
      .orderBy(asc(caseTeamMembers.addedAt));
    const pick = (caseId: number, part: string) => members.find((m) => m.caseId === caseId && m.part === part)?.openId;
    return new Map(caseIds.map((id) => [id, pick(id, policy.team.work.visit) ?? pick(id, policy.team.lead) ?? fallback.get(id)!]));
  };
}
