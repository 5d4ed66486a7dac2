import type { Database } from '../db/client';
import { type CaseRecord, getCase } from '../db/repositories/cases.repository';
import { type DutyRow, findCaseDuty, listCaseDuties, listCaseTests } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { type DutyKind, MAKEUP_SLOT } from '../domain/duties';
import { type Actor, canViewVillage, holds, pointsHeld } from '../domain/permissions';
import { listCaseTeam } from '../db/repositories/teams.repository';
import { caseText } from '../messages/cases';
import { dutyText } from '../messages/duties';
import { UserError } from '../shared/user-error';

/**
 * Who may learn that a case exists from a doctor's command: the village's staff, the
 * township's samplers and leads, the medical staff of its isolation point.
 */
function mayKnowCase(actor: Actor, c: CaseRecord): boolean {
  return holds(actor, 'sampler') || canViewVillage(actor, c.villageId) || (c.isolationPointId !== null && pointsHeld(actor).includes(c.isolationPointId));
}

/** The case's own team knows of it (door visits and roll calls are its work). */
async function inTeamOf(db: Database, actor: Actor, caseId: number): Promise<boolean> {
  return (await listCaseTeam(db, caseId)).some((m) => m.openId === actor.openId);
}

/**
 * A case typed by number for a doctor's command: it must exist and still be managed. With
 * `actor`, one they may not know of is answered as one that does not exist.
 */
async function activeCase(db: Database, caseId: number, actor?: Actor): Promise<CaseRecord> {
  const found = await getCase(db, caseId);
  if (!found || (actor && !mayKnowCase(actor, found) && !(await inTeamOf(db, actor, found.id)))) throw new UserError(caseText.notFound(caseId));
  if (found.status !== 'active') throw new UserError(caseText.notActive(caseId, caseText.status[found.status]));
  return found;
}

/** Today's duties of one kind for a case typed by number (/采样 #12), or a refusal saying why not. */
export async function findTodaysDuties(
  db: Database,
  input: { caseId: number; today: IsoDate; kind: DutyKind; slot?: string; noneMessage: string; actor?: Actor },
): Promise<DutyRow[]> {
  await activeCase(db, input.caseId, input.actor);
  const duties = await findCaseDuty(db, { caseId: input.caseId, date: input.today, kind: input.kind, slot: input.slot });
  if (duties.length === 0) throw new UserError((await whyNoDuty(db, input.caseId, input.today)) ?? input.noneMessage);
  return duties;
}

/**
 * The reason a case has no routine work today, when there is one to give: a positive result
 * stopped it (cancelPendingDuties), and the alert is where the case is handled now.
 */
async function whyNoDuty(db: Database, caseId: number, today: IsoDate): Promise<string | null> {
  const all = await listCaseDuties(db, caseId);
  const positive = all.filter((d) => d.result === 'positive').at(-1);
  const stoppedToday = all.some((d) => d.status === 'cancelled' && d.dueDate === today);
  return positive && stoppedToday ? dutyText.stoppedByPositive(caseId, positive.day, dutyText.result[positive.result!]) : null;
}

/**
 * The test a result is for (/结果 #12 阴性): the latest sampled one still waiting, whatever day
 * it was sampled (results come back the next morning, 004 篇四); with `day`, that day's.
 */
export async function findTestAwaitingResult(db: Database, input: { caseId: number; day: number | null; today: IsoDate; actor?: Actor }): Promise<DutyRow> {
  const c = await activeCase(db, input.caseId, input.actor);
  const tests = await listCaseTests(db, { caseId: c.id, from: c.startDate });
  const waiting = tests.filter((t) => t.status === 'sampled').sort((a, b) => b.sampledAt!.getTime() - a.sampledAt!.getTime());
  const found = input.day === null ? waiting[0] : waiting.find((t) => t.day === input.day);
  if (found) return found;
  if (input.day !== null && waiting.length) throw new UserError(dutyText.noSampledTestOnDay(c.id, input.day, [...new Set(waiting.map((t) => t.day))]));
  const pendingToday = tests.some((t) => t.dueDate === input.today && t.status === 'pending');
  throw new UserError(input.day === null ? dutyText.noSampledTest(c.id, pendingToday) : dutyText.noSampledTestOnDay(c.id, input.day, []));
}

/**
 * The test a make-up sample (/采样 #12 补采) is for: the latest test day of the current period
 * not sampled in its window (未采) or before the registration (未检) that no later sample answered.
 */
export async function findTestToMakeUp(db: Database, input: { caseId: number; actor?: Actor }): Promise<DutyRow> {
  const c = await activeCase(db, input.caseId, input.actor);
  const tests = await listCaseTests(db, { caseId: c.id, from: c.startDate });
  const answered = new Set(tests.filter((t) => t.status !== 'missed' && t.status !== 'not_done' && t.status !== 'pending').map((t) => t.day));
  const open = tests.filter((t) => (t.status === 'missed' || t.status === 'not_done') && !answered.has(t.day)).sort((a, b) => b.day - a.day);
  if (!open[0]) throw new UserError(dutyText.nothingToMakeUp(c.id));
  // A make-up already offered on today's card (a registration in the past) is the one to take.
  return tests.find((t) => t.status === 'pending' && t.slot === MAKEUP_SLOT && t.day === open[0]!.day) ?? open[0];
}
