/**
 * Duties: the work generated for each person under management (tests, temperature checks,
 * visits, roll calls), planned from the policy. Plain data in and out; storing, assigning
 * to a village and recording who completed a duty are the caller's job.
 *
 * Dates are calendar dates ('YYYY-MM-DD'); windows become instants only through the
 * township's zone, never the server's.
 */
import { addDays, localTimeIn, toHalfWidth, zonedDateTimeToInstant, type IsoDate } from './dates';
import { computePeriod, dayNumber } from './period';
import type { Category, Policy } from './policy';

export type DutyKind = 'test' | 'temp' | 'visit' | 'rollcall';
export const DUTY_STATUSES = ['pending', 'done', 'abnormal', 'missed', 'cancelled'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/** Slot of a resample duty: never part of a plan, so a replan leaves it alone. */
export const RESAMPLE_SLOT = 'resample';

export interface PlannedDuty {
  kind: DutyKind;
  /** 1-based day of the period: dueDate = start date + day - 1. */
  day: number;
  dueDate: IsoDate;
  /** tempSlots key for temp, rollCallSlots key for rollcall, RESAMPLE_SLOT for a resample, else null. */
  slot: string | null;
  /** dueDate + window 'from' in the township zone. */
  windowStart: Date;
  windowEnd: Date;
  /** Label of the phase the duty belongs to. */
  phase: string;
}

const KIND_ORDER: Record<DutyKind, number> = { test: 0, temp: 1, visit: 2, rollcall: 3 };

interface Window {
  from: string;
  to: string;
}

function duty(kind: DutyKind, day: number, dueDate: IsoDate, slot: string | null, w: Window, phase: string, tz: string): PlannedDuty {
  return {
    kind,
    day,
    dueDate,
    slot,
    windowStart: zonedDateTimeToInstant(dueDate, w.from, tz),
    windowEnd: zonedDateTimeToInstant(dueDate, w.to, tz),
    phase,
  };
}

/**
 * Every duty of a category's period, sorted by due date, then window start, then kind
 * (test, temp, visit, rollcall), then slot order of the policy.
 * - test: one per test day of each phase (window: policy.testWindow).
 * - temp: each day, the first `tempChecksPerDay` tempSlots of that day's phase.
 * - visit: when the category has visitEveryDays n, days 1, 1+n, 1+2n… within the period:
 *   the guarantee team visits on day 1 to deliver the door measures, then every n days.
 * - rollcall: each day, the first `rollCallsPerDay` rollCallSlots.
 */
export function planDuties(input: { category: Category; startDate: IsoDate; policy: Policy; timeZone: string }): PlannedDuty[] {
  const { category, startDate, policy, timeZone: tz } = input;
  const period = computePeriod(category, startDate);
  const out: PlannedDuty[] = [];
  for (const t of period.tests) out.push(duty('test', t.day, t.date, null, policy.testWindow, t.phase, tz));

  category.phases.forEach((p, i) => {
    const ph = period.phases[i]!;
    for (let day = ph.startDay; day <= ph.endDay; day++) {
      const date = addDays(startDate, day - 1);
      for (const s of policy.tempSlots.slice(0, p.tempChecksPerDay)) out.push(duty('temp', day, date, s.key, s, p.label, tz));
      const visitEvery = category.visitEveryDays;
      if (visitEvery !== undefined && (day - 1) % visitEvery === 0) {
        out.push(duty('visit', day, date, null, policy.visitWindow, p.label, tz));
      }
      for (const s of policy.rollCallSlots.slice(0, category.rollCallsPerDay)) {
        out.push(duty('rollcall', day, date, s.key, s, p.label, tz));
      }
    }
  });
  // Array sort is stable: equal keys keep the generation order (policy slot order).
  return out.sort(
    (a, b) =>
      (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
      a.windowStart.getTime() - b.windowStart.getTime() ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}

export interface ExistingDuty {
  id: number;
  kind: DutyKind;
  dueDate: IsoDate;
  slot: string | null;
  status: DutyStatus;
  day: number;
  /** When given, a pending duty whose phase differs from the plan's is replaced. */
  phase?: string;
}

const keyOf = (d: { kind: DutyKind; dueDate: IsoDate; slot: string | null }): string => `${d.kind}|${d.dueDate}|${d.slot ?? ''}`;

/**
 * After a change of category or start date: which pending duties to cancel and which planned
 * ones to add. Duties due before `today` are never touched, nor are resamples (they answer a
 * result already recorded). On or after today:
 * - done / abnormal / missed duties are history: kept, and their (kind, dueDate, slot) is not re-added;
 * - a pending duty stays when the plan has the same (kind, dueDate, slot) with the same day
 *   (and phase, when known); otherwise it is cancelled and the planned one added, so stored
 *   day numbers never go stale; duplicates beyond the first (lowest id) are cancelled;
 * - cancelled duties do not count: a planned duty matching only a cancelled one is added again.
 * Planned duties due before today are not added (a registration with a past start date
 * starts its duties today).
 */
export function replanDuties(input: { existing: ExistingDuty[]; planned: PlannedDuty[]; today: IsoDate }): {
  cancel: number[];
  add: PlannedDuty[];
} {
  const { today } = input;
  const future = input.existing.filter((d) => d.dueDate >= today && d.slot !== RESAMPLE_SLOT).sort((a, b) => a.id - b.id);
  const planned = new Map(input.planned.filter((p) => p.dueDate >= today).map((p) => [keyOf(p), p]));

  const taken = new Set<string>();
  for (const d of future) if (d.status === 'done' || d.status === 'abnormal' || d.status === 'missed') taken.add(keyOf(d));

  const cancel: number[] = [];
  for (const d of future) {
    if (d.status !== 'pending') continue;
    const key = keyOf(d);
    const p = planned.get(key);
    const same = p !== undefined && p.day === d.day && (d.phase === undefined || d.phase === p.phase);
    if (same && !taken.has(key)) taken.add(key);
    else cancel.push(d.id);
  }
  const add = [...planned.values()].filter((p) => !taken.has(keyOf(p)));
  return { cancel, add };
}

export type TestResult = 'negative' | 'positive' | 'invalid';

/**
 * The resample duty after an invalid (无效) result: today (in the zone) if the sampling window
 * is still open or not yet open at `now` (its end is exclusive), else the next day, same window.
 * Never before the original due date. `day` follows the due date (a next-day resample of
 * day 4 is day 5); `phase` is the original's; slot is RESAMPLE_SLOT.
 */
export function planResample(input: { original: { dueDate: IsoDate; day: number; phase: string }; now: Date; policy: Policy; timeZone: string }): PlannedDuty {
  const { original, now, policy, timeZone: tz } = input;
  const today = localTimeIn(tz, now).date;
  let due = today < original.dueDate ? original.dueDate : today;
  if (now.getTime() >= zonedDateTimeToInstant(due, policy.testWindow.to, tz).getTime()) due = addDays(due, 1);
  const day = original.day + dayNumber(original.dueDate, due) - 1;
  return duty('test', day, due, RESAMPLE_SLOT, policy.testWindow, original.phase, tz);
}

/** The symptom vocabulary of the cards and /temp (000 篇二, 004 篇五). */
export const SYMPTOMS = ['发热', '干咳', '乏力', '气促', '腹泻', '其他'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

const NO_SYMPTOM = new Set(['', '无', '无症状', '没有']);

/**
 * Abnormal at or above the fever threshold (37.3 is abnormal), or with any symptom. Every
 * non-blank symptom counts, not only the SYMPTOMS words; '无' / '无症状' / '没有' mean none.
 */
export function evaluateTemperature(input: { celsius: number; symptoms: string[]; policy: Policy }): {
  abnormal: boolean;
  reasons: ('fever' | 'symptom')[];
} {
  if (!Number.isFinite(input.celsius)) throw new RangeError(`not a temperature: ${input.celsius}`);
  const reasons: ('fever' | 'symptom')[] = [];
  if (input.celsius >= input.policy.thresholds.feverCelsius) reasons.push('fever');
  if (input.symptoms.some((s) => !NO_SYMPTOM.has(toHalfWidth(s).trim()))) reasons.push('symptom');
  return { abnormal: reasons.length > 0, reasons };
}

export const MIN_CELSIUS = 34;
export const MAX_CELSIUS = 43;

/**
 * Reads a temperature as typed: '38.2', '38.2℃', '38.2度', '38.2°C', '３８．２', '38。2'
 * (IME full stop). Range 34.0–43.0 inclusive; '382' (a missing point) is out of range.
 */
export function parseTemperature(text: string): { ok: true; celsius: number } | { ok: false; reason: 'not_a_number' | 'out_of_range' } {
  const s = toHalfWidth(text).trim().replace(/\s*(℃|°C|°c|°|摄氏度|度|C|c)$/, '').replace('。', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return { ok: false, reason: 'not_a_number' };
  const celsius = Number(s);
  if (celsius < MIN_CELSIUS || celsius > MAX_CELSIUS) return { ok: false, reason: 'out_of_range' };
  return { ok: true, celsius };
}

/** 1 on the start date, 0 or less before it. */
export function dayOfPeriod(startDate: IsoDate, date: IsoDate): number {
  return dayNumber(startDate, date);
}

/** The day of the period at an instant, counted in the township's zone. */
export function dayOfPeriodAt(input: { startDate: IsoDate; now: Date; timeZone: string }): number {
  return dayNumber(input.startDate, localTimeIn(input.timeZone, input.now).date);
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * The temperature slot for a reading at `now` without a slot: the one whose window contains
 * the local time, else the nearest window (before the first: the first; after the last: the
 * last; between two, the closer one, a tie going to the earlier slot, whose reading is late
 * rather than the later one's early).
 */
export function currentTempSlot(input: { policy: Policy; now: Date; timeZone: string }): string {
  const { hour, minute } = localTimeIn(input.timeZone, input.now);
  const t = hour * 60 + minute;
  const distance = (s: { from: string; to: string }) => Math.max(0, minutes(s.from) - t, t - minutes(s.to));
  const slots = [...input.policy.tempSlots].sort((a, b) => minutes(a.from) - minutes(b.from));
  let best = slots[0]!;
  for (const s of slots) if (distance(s) < distance(best)) best = s;
  return best.key;
}
