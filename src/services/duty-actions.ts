import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import {
  answeredTest,
  cancelPendingDuties,
  completeDuty,
  type DutyWithCase,
  insertDuties,
  lockDuty,
  markDutyStatus,
  markSampled,
} from '../db/repositories/duties.repository';
import { todayIn } from '../domain/dates';
import { evaluateTemperature, planMakeup, planRecheck, planResample, RECHECK_SLOT, type TestResult } from '../domain/duties';
import { type Actor, canRecordResult, canRecordTemperature, canSample } from '../domain/permissions';
import { type Place, placeOfDuty } from '../domain/place';
import type { Policy } from '../domain/policy';
import { caseText, formatTime } from '../messages/cases';
import { dutyText } from '../messages/duties';
import { closePooledAlerts, raiseAlert } from './alerts';
import { closeLedgerEntryOnNegative } from './ledger-entry';

/**
 * What a confirmation came to: the toast (or command reply), whether anything changed,
 * and whether the actor was refused (then the card is left as it is).
 */
export type DutyOutcome = { changed: boolean; message: string; abnormal?: boolean; forbidden?: boolean };

export interface DutyActionContext {
  db: Database;
  actor: Actor;
  chatId: string | null;
  now: Date;
  policy: Policy;
  timeZone: string;
}

type Confirmation = 'sample' | 'result' | 'temp';

const isAbnormal = (result: TestResult) => result === 'positive' || result === 'pooled_positive';

function allowed(ctx: DutyActionContext, what: Confirmation, place: Place): boolean {
  if (what === 'sample') return canSample(ctx.actor, place, ctx.policy);
  if (what === 'result') return canRecordResult(ctx.actor, place, ctx.policy);
  return canRecordTemperature(ctx.actor, place);
}

/** The checks every confirmation shares: the duty exists, the actor may confirm, the case is still managed. */
async function lockForConfirmation(ctx: DutyActionContext, dutyId: number, what: Confirmation): Promise<DutyWithCase | DutyOutcome> {
  const duty = await lockDuty(ctx.db, dutyId);
  const kind = what === 'temp' ? 'temp' : 'test';
  if (!duty || duty.status === 'cancelled' || duty.kind !== kind) return { changed: false, message: dutyText.toast.dutyGone };
  const place = placeOfDuty(duty);
  if (!allowed(ctx, what, place)) return { changed: false, message: dutyText.toast.refused[what](ctx.policy, place), forbidden: true };
  if (duty.caseStatus !== 'active') return { changed: false, message: dutyText.toast.caseClosed(duty.caseId, caseText.status[duty.caseStatus]) };
  return duty;
}

/** 已采样: the test waits for its result (待结果), never overdue or missed from now on. */
export async function confirmSampled(ctx: DutyActionContext, dutyId: number): Promise<DutyOutcome> {
  const duty = await lockForConfirmation(ctx, dutyId, 'sample');
  if ('changed' in duty) return duty;
  if (duty.sampledAt) return { changed: false, message: dutyText.toast.alreadySampled(duty.caseId, formatTime(duty.sampledAt, ctx.timeZone)) };
  // A test day that passed (未采) or came before the registration (未检) is made up by a new sample.
  if (duty.status === 'missed' || duty.status === 'not_done') return confirmMakeup(ctx, duty);
  if (duty.dueDate < todayIn(ctx.timeZone, ctx.now)) {
    // Yesterday's card pressed before the overdue job marked the day: it is 未采 all the same.
    await markDutyStatus(ctx.db, duty.id, 'missed');
    return confirmMakeup(ctx, duty);
  }
  await markSampled(ctx.db, duty.id, ctx.actor.openId, ctx.now);
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.sampled', caseId: duty.caseId, after: { dutyId: duty.id, day: duty.day } });
  return { changed: true, message: dutyText.toast.sampled(duty.caseId) };
}

/**
 * 补采: a make-up sample, taken now, of a test day not sampled in its window. It is a test of
 * its own (slot makeup, the original's day) so the history keeps the missed day, and its
 * result counts for that day where the original's would have.
 */
async function confirmMakeup(ctx: DutyActionContext, original: DutyWithCase): Promise<DutyOutcome> {
  const today = todayIn(ctx.timeZone, ctx.now);
  const planned = planMakeup({ original: answeredTest(original), today, policy: ctx.policy, timeZone: ctx.timeZone });
  const [id] = await insertDuties(ctx.db, { caseId: original.caseId, villageId: original.villageId, pointId: original.pointId, planned: [planned], resampleOf: original.id });
  await markSampled(ctx.db, id!, ctx.actor.openId, ctx.now);
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.makeup', caseId: original.caseId, after: { dutyId: id, makeupOf: original.id, day: original.day } });
  return { changed: true, message: dutyText.toast.madeUp(original.caseId, original.day) };
}

/** A result pressed on a card or typed with /结果: the checks every confirmation shares, then its consequences. */
export async function confirmResult(ctx: DutyActionContext, dutyId: number, result: TestResult): Promise<DutyOutcome> {
  const duty = await lockForConfirmation(ctx, dutyId, 'result');
  if ('changed' in duty) return duty;
  if (duty.result) return { changed: false, message: dutyText.toast.alreadyResult(duty.caseId, dutyText.result[duty.result]) };
  if (duty.status !== 'sampled') return { changed: false, message: dutyText.toast.notSampledYet(duty.caseId) };
  await recordResult(ctx, duty, result);
  return { changed: true, message: dutyText.toast.resultRecorded(duty.caseId, dutyText.result[result]), abnormal: isAbnormal(result) };
}

/** Recording a result needs only who records it: whether they may is the caller's check. */
export type ResultContext = Omit<DutyActionContext, 'actor'> & { actor: Pick<Actor, 'openId'> };

/**
 * A result for a sampled test without one, locked and checked by the caller (a press, /结果,
 * a row of a lab file, whose import id goes into the audit). 阴性 closes the test; 阳性 stops
 * the case's routine work and raises the alert that puts it on hold for release; 无效 plans a
 * resample (the same day while the window is open); 混管阳性 plans an individual recheck
 * within hours and tells the testing task force — the full positive routing waits for the
 * recheck's own result.
 */
export async function recordResult(ctx: ResultContext, duty: DutyWithCase, result: TestResult, source?: { importId: number }): Promise<void> {
  await completeDuty(ctx.db, duty.id, { status: isAbnormal(result) ? 'abnormal' : 'done', by: ctx.actor.openId, at: ctx.now, result });
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.result', caseId: duty.caseId, after: { dutyId: duty.id, day: duty.day, result, ...source } });
  const base = alertBase(ctx, duty);
  if (result === 'invalid') {
    const resample = planResample({ original: answeredTest(duty), now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone });
    await insertDuties(ctx.db, { caseId: duty.caseId, villageId: duty.villageId, pointId: duty.pointId, planned: [resample], resampleOf: duty.id });
  }
  if (result === 'pooled_positive') {
    const recheck = planRecheck({ original: answeredTest(duty), now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone });
    await insertDuties(ctx.db, { caseId: duty.caseId, villageId: duty.villageId, pointId: duty.pointId, planned: [recheck], resampleOf: duty.id });
    await raiseAlert(ctx.db, { ...base, kind: 'pooled_positive', temperature: null, symptoms: [] });
  }
  if (duty.slot === RECHECK_SLOT && (result === 'negative' || result === 'positive')) {
    await closePooledAlerts(ctx.db, { caseId: duty.caseId, by: ctx.actor.openId, at: ctx.now, timeZone: ctx.timeZone, policy: ctx.policy });
  }
  if (result === 'positive') {
    await cancelPendingDuties(ctx.db, duty.caseId, todayIn(ctx.timeZone, ctx.now));
    await raiseAlert(ctx.db, { ...base, kind: 'positive', temperature: null, symptoms: [] });
  }
  await closeLedgerEntryOnNegative(ctx.db, { caseId: duty.caseId, negative: result === 'negative', actorOpenId: ctx.actor.openId, chatId: ctx.chatId, now: ctx.now, today: todayIn(ctx.timeZone, ctx.now), policy: ctx.policy });
}

export async function confirmTemperature(ctx: DutyActionContext, dutyId: number, celsius: number, symptoms: string[]): Promise<DutyOutcome> {
  const duty = await lockForConfirmation(ctx, dutyId, 'temp');
  if ('changed' in duty) return duty;
  if (duty.status !== 'pending') return { changed: false, message: dutyText.toast.alertClosed };
  const evaluation = evaluateTemperature({ celsius, symptoms, policy: ctx.policy });
  await completeDuty(ctx.db, duty.id, { status: evaluation.abnormal ? 'abnormal' : 'done', by: ctx.actor.openId, at: ctx.now, temperature: celsius, symptoms });
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.temperature', caseId: duty.caseId, after: { dutyId: duty.id, celsius, symptoms } });
  if (evaluation.abnormal) {
    const kind = evaluation.reasons.includes('fever') ? 'fever' : 'symptom';
    await raiseAlert(ctx.db, { ...alertBase(ctx, duty), kind, temperature: celsius, symptoms });
  }
  return { changed: true, message: dutyText.tempDone(celsius, symptoms), abnormal: evaluation.abnormal };
}

function alertBase(ctx: ResultContext, duty: DutyWithCase) {
  return {
    caseId: duty.caseId,
    villageId: duty.villageId,
    pointId: duty.pointId,
    dutyId: duty.id,
    actorOpenId: ctx.actor.openId,
    chatId: ctx.chatId,
    now: ctx.now,
    policy: ctx.policy,
    timeZone: ctx.timeZone,
  };
}
