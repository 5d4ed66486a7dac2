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
import { hasSymptom } from './symptoms';

export type DutyKind = 'test' | 'temp' | 'visit' | 'rollcall';
/**
 * pending: planned, not done yet · sampled: a test sampled, waiting for its result (待结果; never
 * overdue or missed) · done / abnormal: recorded · missed: its window passed undone · not_done:
 * a test day before the person was registered (未检: nobody's fault, still missing for release)
 * · cancelled: no longer work to do.
 */
export const DUTY_STATUSES = ['pending', 'sampled', 'done', 'abnormal', 'missed', 'not_done', 'cancelled'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/**
 * Slots of tests that answer another test (never part of a plan, so a replan leaves them alone):
 * a resample after 无效, a make-up (补采) of a test not sampled in its window, an individual
 * recheck (单采复核) after 混管阳性. Each keeps the day of the test it answers.
 */
export const RESAMPLE_SLOT = 'resample';
export const MAKEUP_SLOT = 'makeup';
export const RECHECK_SLOT = 'recheck';
export const ANSWER_SLOTS: readonly string[] = [RESAMPLE_SLOT, MAKEUP_SLOT, RECHECK_SLOT];

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
  /** Who does it: the village's people or the isolation point's staff (the phase's managedAt). */
  managedAt: 'village' | 'isolation_point';
}

const KIND_ORDER: Record<DutyKind, number> = { test: 0, temp: 1, visit: 2, rollcall: 3 };

interface Window {
  from: string;
  to: string;
}

type ManagedAt = PlannedDuty['managedAt'];

function duty(kind: DutyKind, day: number, dueDate: IsoDate, slot: string | null, w: Window, phase: string, tz: string, managedAt: ManagedAt): PlannedDuty {
  return {
    kind,
    day,
    dueDate,
    slot,
    windowStart: zonedDateTimeToInstant(dueDate, w.from, tz),
    windowEnd: zonedDateTimeToInstant(dueDate, w.to, tz),
    phase,
    managedAt,
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
 * Visits and roll calls are the village team's work: none in a phase managed at an isolation
 * point, whose own staff do its tests and temperatures.
 */
export function planDuties(input: { category: Category; startDate: IsoDate; policy: Policy; timeZone: string }): PlannedDuty[] {
  const { category, startDate, policy, timeZone: tz } = input;
  const period = computePeriod(category, startDate);
  const out: PlannedDuty[] = [];
  category.phases.forEach((p, i) => {
    const ph = period.phases[i]!;
    const at = p.managedAt;
    for (const t of p.testDays) {
      const day = ph.startDay + t - 1;
      out.push(duty('test', day, addDays(startDate, day - 1), null, policy.testWindow, p.label, tz, at));
    }
    for (let day = ph.startDay; day <= ph.endDay; day++) {
      const date = addDays(startDate, day - 1);
      for (const s of policy.tempSlots.slice(0, p.tempChecksPerDay)) out.push(duty('temp', day, date, s.key, s, p.label, tz, at));
      if (at !== 'village') continue;
      const visitEvery = category.visitEveryDays;
      if (visitEvery !== undefined && (day - 1) % visitEvery === 0) {
        out.push(duty('visit', day, date, null, policy.visitWindow, p.label, tz, at));
      }
      for (const s of policy.rollCallSlots.slice(0, category.rollCallsPerDay)) {
        out.push(duty('rollcall', day, date, s.key, s, p.label, tz, at));
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
 * - sampled / done / abnormal / missed / not_done duties are history: kept, and their (kind, dueDate, slot) is not re-added;
 * - a pending duty stays when the plan has the same (kind, dueDate, slot) with the same day
 *   (and phase, when known); otherwise it is cancelled and the planned one added, so stored
 *   day numbers never go stale; duplicates beyond the first (lowest id) are cancelled;
 * - cancelled duties do not count: a planned duty matching only a cancelled one is added again.
 * Planned duties due before today are not added (see pastTestDays for a registration whose
 * period started before it).
 */
export function replanDuties(input: { existing: ExistingDuty[]; planned: PlannedDuty[]; today: IsoDate }): {
  cancel: number[];
  add: PlannedDuty[];
} {
  const { today } = input;
  const future = input.existing.filter((d) => d.dueDate >= today && !ANSWER_SLOTS.includes(d.slot ?? '')).sort((a, b) => a.id - b.id);
  const planned = new Map(input.planned.filter((p) => p.dueDate >= today).map((p) => [keyOf(p), p]));

  const taken = new Set<string>();
  for (const d of future) if (d.status !== 'pending' && d.status !== 'cancelled') taken.add(keyOf(d));

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

/** The test a resample, make-up or recheck answers: its day, phase, and who does it. */
export interface AnsweredTest {
  day: number;
  phase: string;
  managedAt: PlannedDuty['managedAt'];
}

export const TEST_RESULTS = ['negative', 'positive', 'invalid', 'pooled_positive'] as const;
export type TestResult = (typeof TEST_RESULTS)[number];

/**
 * The test days of a period before `today` (a registration whose period started earlier):
 * planned as not_done (未检), so they show as not done and count as missing for release.
 */
export function pastTestDays(planned: PlannedDuty[], today: IsoDate): PlannedDuty[] {
  return planned.filter((p) => p.kind === 'test' && p.dueDate < today);
}

/**
 * The resample duty after an invalid (无效) result: today (in the zone) if the sampling window
 * is still open or not yet open at `now` (its end is exclusive), else the next day, same window.
 * Never before the original due date. It answers the original's test day, so it keeps its
 * `day` and `phase`; slot is RESAMPLE_SLOT.
 */
export function planResample(input: { original: AnsweredTest & { dueDate: IsoDate }; now: Date; policy: Policy; timeZone: string }): PlannedDuty {
  const { original, now, policy, timeZone: tz } = input;
  const today = localTimeIn(tz, now).date;
  let due = today < original.dueDate ? original.dueDate : today;
  if (now.getTime() >= zonedDateTimeToInstant(due, policy.testWindow.to, tz).getTime()) due = addDays(due, 1);
  return duty('test', original.day, due, RESAMPLE_SLOT, policy.testWindow, original.phase, tz, original.managedAt);
}

/** A make-up sample (补采) of a test day, taken today: it counts for that day as the original would have. */
export function planMakeup(input: { original: AnsweredTest; today: IsoDate; policy: Policy; timeZone: string }): PlannedDuty {
  return duty('test', input.original.day, input.today, MAKEUP_SLOT, input.policy.testWindow, input.original.phase, input.timeZone, input.original.managedAt);
}

/**
 * The individual recheck (单采复核) after a pooled positive (混管阳性, 001 篇二 §24): due from
 * now for the policy's hours (the window may run past midnight: it is urgent, not a round).
 */
export function planRecheck(input: { original: AnsweredTest; now: Date; policy: Policy; timeZone: string }): PlannedDuty {
  const { now, policy } = input;
  return {
    kind: 'test',
    day: input.original.day,
    dueDate: localTimeIn(input.timeZone, now).date,
    slot: RECHECK_SLOT,
    windowStart: now,
    windowEnd: new Date(now.getTime() + policy.results.pooledRecheckWithinHours * 3600_000),
    phase: input.original.phase,
    managedAt: input.original.managedAt,
  };
}

/** Hours a sampled test may wait for its result (结果超时 after): the recheck's, the category's, or the policy's. */
export function resultDeadlineHours(input: { policy: Policy; category: Category | null; slot: string | null }): number {
  if (input.slot === RECHECK_SLOT) return input.policy.results.recheckDeadlineHours;
  return input.category?.resultDeadlineHours ?? input.policy.results.deadlineHours;
}

/**
 * Abnormal at or above the fever threshold (37.3 is abnormal), or with any symptom recorded
 * (see readSymptom: unknown words are recorded as 其他 and count too).
 */
export function evaluateTemperature(input: { celsius: number; symptoms: string[]; policy: Policy }): {
  abnormal: boolean;
  reasons: ('fever' | 'symptom')[];
} {
  if (!Number.isFinite(input.celsius)) throw new RangeError(`not a temperature: ${input.celsius}`);
  const reasons: ('fever' | 'symptom')[] = [];
  if (input.celsius >= input.policy.thresholds.feverCelsius) reasons.push('fever');
  if (hasSymptom(input.symptoms)) reasons.push('symptom');
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
  return currentSlot({ slots: input.policy.tempSlots, now: input.now, timeZone: input.timeZone });
}

/** The same rule for any list of daily slots (temperatures, roll calls). */
export function currentSlot(input: { slots: readonly { key: string; from: string; to: string }[]; now: Date; timeZone: string }): string {
  const { hour, minute } = localTimeIn(input.timeZone, input.now);
  const t = hour * 60 + minute;
  const distance = (s: { from: string; to: string }) => Math.max(0, minutes(s.from) - t, t - minutes(s.to));
  const slots = [...input.slots].sort((a, b) => minutes(a.from) - minutes(b.from));
  let best = slots[0]!;
  for (const s of slots) if (distance(s) < distance(best)) best = s;
  return best.key;
}
