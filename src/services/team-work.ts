import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { completeDuty, lockDuty } from '../db/repositories/duties.repository';
import { listCaseTeam, listTeamsOf } from '../db/repositories/teams.repository';
import { canRecordTeamWork } from '../domain/permissions';
import type { Policy } from '../domain/policy';
import { caseText } from '../messages/cases';
import { dutyStateWord, dutyText } from '../messages/duties';
import { teamWorkText } from '../messages/team-work';
import type { DutyActionContext, DutyOutcome } from './duty-actions';

export type VisitOutcome = 'seen' | 'not_seen';
export type RollcallOutcome = 'answered' | 'no_answer';

/**
 * A door visit (已上门 / 未见到 with why) or a roll call (已点名 / 未接通), recorded by the
 * village's cadres, the case's own team or township-wide staff; once. Not finding the person
 * is recorded as such (abnormal, with the note), for the team to follow up.
 */
export async function recordTeamWork(
  ctx: DutyActionContext,
  input: { dutyId: number; kind: 'visit' | 'rollcall'; ok: boolean; note?: string },
): Promise<DutyOutcome> {
  const duty = await lockDuty(ctx.db, input.dutyId);
  if (!duty || duty.status === 'cancelled' || duty.kind !== input.kind) return { changed: false, message: dutyText.toast.dutyGone };
  if (!(await mayRecordTeamWork(ctx, duty, input.kind))) return { changed: false, message: teamWorkText.toast.refused, forbidden: true };
  if (duty.caseStatus !== 'active') return { changed: false, message: dutyText.toast.caseClosed(duty.caseId, caseText.status[duty.caseStatus]) };
  if (duty.status !== 'pending' && duty.status !== 'missed') return { changed: false, message: teamWorkText.toast.already(duty.caseId, dutyStateWord(duty.kind, duty.status)) };
  await completeDuty(ctx.db, duty.id, { status: input.ok ? 'done' : 'abnormal', by: ctx.actor.openId, at: ctx.now, note: input.note });
  await writeAudit(ctx.db, {
    at: ctx.now,
    actorOpenId: ctx.actor.openId,
    chatId: ctx.chatId,
    action: input.kind === 'visit' ? 'duty.visit' : 'duty.rollcall',
    caseId: duty.caseId,
    after: { dutyId: duty.id, day: duty.day, outcome: dutyStateWord(input.kind, input.ok ? 'done' : 'abnormal'), ...(input.note ? { note: input.note } : {}) },
  });
  const t = teamWorkText.toast;
  const message = input.kind === 'visit' ? (input.ok ? t.seen : t.notSeen)(duty.caseId) : (input.ok ? t.answered : t.noAnswer)(duty.caseId);
  return { changed: true, message, abnormal: !input.ok };
}

/** Whether the actor may record this visit or roll call: the table's roles in the village, or the case's own team. */
export async function mayRecordTeamWork(ctx: Pick<DutyActionContext, 'db' | 'actor'>, duty: { caseId: number; villageId: number }, kind: 'visit' | 'rollcall'): Promise<boolean> {
  const inTeam = (await listCaseTeam(ctx.db, duty.caseId)).some((m) => m.openId === ctx.actor.openId);
  return canRecordTeamWork(ctx.actor, duty.villageId, kind, inTeam);
}

/** The team members whose work a visit or roll call of these cases is (policy team.work), to @-mention on its card. */
export async function teamWorkers(db: Database, input: { caseIds: number[]; kind: 'visit' | 'rollcall'; policy: Policy }): Promise<string[]> {
  const part = input.policy.team.work[input.kind];
  const teams = await listTeamsOf(db, [...new Set(input.caseIds)]);
  return [...new Set([...teams.values()].flatMap((team) => team.filter((m) => m.part === part).map((m) => m.openId)))];
}
