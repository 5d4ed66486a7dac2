import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { cancelPendingDuties, completeDuty, type DutyWithCase, insertDuties, lockDuty, markSampled } from '../db/repositories/duties.repository';
import { todayIn } from '../domain/dates';
import { evaluateTemperature, planResample, type TestResult } from '../domain/duties';
import { type Actor, canConfirmDuties } from '../domain/permissions';
import type { Policy } from '../domain/policy';
import { caseText, formatTime } from '../messages/cases';
import { dutyText } from '../messages/duties';
import { raiseAlert } from './alerts';

/**
 * What a doctor's action came to: the toast (or command reply), whether anything changed,
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

/** The checks every confirmation shares: the duty exists, the actor may confirm, the case is still managed. */
async function lockForConfirmation(ctx: DutyActionContext, dutyId: number, kind: 'test' | 'temp'): Promise<DutyWithCase | DutyOutcome> {
  const duty = await lockDuty(ctx.db, dutyId);
  if (!duty || duty.status === 'cancelled' || duty.kind !== kind) return { changed: false, message: dutyText.toast.dutyGone };
  if (!canConfirmDuties(ctx.actor, duty.villageId)) return { changed: false, message: dutyText.toast.onlyDoctor, forbidden: true };
  if (duty.caseStatus !== 'active') return { changed: false, message: dutyText.toast.caseClosed(duty.caseId, caseText.status[duty.caseStatus]) };
  return duty;
}

export async function confirmSampled(ctx: DutyActionContext, dutyId: number): Promise<DutyOutcome> {
  const duty = await lockForConfirmation(ctx, dutyId, 'test');
  if ('changed' in duty) return duty;
  if (duty.sampledAt) return { changed: false, message: dutyText.toast.alreadySampled(duty.caseId, formatTime(duty.sampledAt, ctx.timeZone)) };
  await markSampled(ctx.db, duty.id, ctx.actor.openId, ctx.now);
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.sampled', caseId: duty.caseId, after: { dutyId: duty.id, day: duty.day } });
  return { changed: true, message: dutyText.toast.sampled(duty.caseId) };
}

/**
 * 阴性 closes the test; 阳性 stops the case's routine work and raises the alert that puts it
 * on hold for release; 无效 plans a resample (the same day while the window is open).
 */
export async function confirmResult(ctx: DutyActionContext, dutyId: number, result: TestResult): Promise<DutyOutcome> {
  const duty = await lockForConfirmation(ctx, dutyId, 'test');
  if ('changed' in duty) return duty;
  if (duty.result) return { changed: false, message: dutyText.toast.alreadyResult(duty.caseId, dutyText.result[duty.result]) };
  if (!duty.sampledAt) return { changed: false, message: dutyText.toast.notSampledYet(duty.caseId) };
  const positive = result === 'positive';
  await completeDuty(ctx.db, duty.id, { status: positive ? 'abnormal' : 'done', by: ctx.actor.openId, at: ctx.now, result });
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'duty.result', caseId: duty.caseId, after: { dutyId: duty.id, result } });
  if (result === 'invalid') {
    const resample = planResample({ original: duty, now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone });
    await insertDuties(ctx.db, { caseId: duty.caseId, villageId: duty.villageId, planned: [resample], resampleOf: duty.id });
  }
  if (positive) {
    await cancelPendingDuties(ctx.db, duty.caseId, todayIn(ctx.timeZone, ctx.now));
    await raiseAlert(ctx.db, { ...alertBase(ctx, duty), kind: 'positive', temperature: null, symptoms: [] });
  }
  return { changed: true, message: dutyText.toast.resultRecorded(duty.caseId, dutyText.result[result]), abnormal: positive };
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

function alertBase(ctx: DutyActionContext, duty: DutyWithCase) {
  return {
    caseId: duty.caseId,
    villageId: duty.villageId,
    dutyId: duty.id,
    actorOpenId: ctx.actor.openId,
    chatId: ctx.chatId,
    now: ctx.now,
    policy: ctx.policy,
    timeZone: ctx.timeZone,
  };
}
