import { addDays, compareDates, type IsoDate } from './dates';
import type { DutyStatus, TestResult } from './duties';

/**
 * When a case may be released: on the last day of its period (`period_end`), or from the day
 * after (`day_after_period_end`, 004 篇四 "在14天观察期结束后…解除").
 */
export const RELEASE_AFTER = ['period_end', 'day_after_period_end'] as const;
/**
 * Which tests must be negative: none (`nothing`), the last test day of the period
 * (`final_negative`, 001 篇二 §4 "第3天进行一次核酸检测，结果为阴性者方可解除监测"), or every test
 * day of the period (`all_negative`, "三阴性"). Always also: no positive, no open alert.
 */
export const RELEASE_NEEDS = ['nothing', 'final_negative', 'all_negative'] as const;

export interface ReleaseRule {
  after: (typeof RELEASE_AFTER)[number];
  needs: (typeof RELEASE_NEEDS)[number];
}

/**
 * One test of the current period as stored: a planned test (its day of the period), a not-done
 * or missed one, or a resample / make-up / recheck, which keeps the day of the test it answers.
 * Cancelled tests are not records.
 */
export interface TestRecord {
  day: number;
  status: DutyStatus;
  result: TestResult | null;
}

export type ReleaseBlocker =
  | { kind: 'positive' }
  | { kind: 'open_alert' }
  /** Test days the rule asks a negative of whose sample is waiting for its result (待结果). */
  | { kind: 'awaiting_result'; days: number[] }
  /** Test days the rule asks a negative of with none and nothing waiting (未采, 未检, 无效 …). */
  | { kind: 'no_negative'; days: number[] };

export type ReleaseRefusal =
  | ReleaseBlocker
  | { kind: 'not_ended'; endDate: IsoDate; releasableFrom: IsoDate }
  /** A ledger entry (其他来返) is closed by its negative test; nobody releases it. */
  | { kind: 'ledger' };

/**
 * What the release rules look at, once a case's test records are summed up. The release-due
 * listing and the daily summary compute these in SQL for every case at once
 * (releaseFactsQuery, src/db/repositories/release-facts.ts); both follow releaseFacts, and a
 * test runs both on the same cases.
 */
export interface ReleaseFacts {
  hasPositive: boolean;
  openAlerts: number;
  /** Days asked for a negative that have none, a sample waiting for its result. */
  daysAwaitingResult: number[];
  /** Days asked for a negative that have none and nothing waiting. */
  daysWithoutNegative: number[];
}

/**
 * The test days a rule asks a negative of, from the case's test records: the period's test days
 * are the days its tests are stored for; `final_negative` asks the last of them.
 */
function daysAsked(tests: TestRecord[], needs: ReleaseRule['needs']): number[] {
  if (needs === 'nothing') return [];
  const days = [...new Set(tests.map((t) => t.day))].sort((a, b) => a - b);
  return needs === 'final_negative' ? days.slice(-1) : days;
}

/**
 * Sums up a case's tests: a positive anywhere counts; a day asked for a negative has one once
 * any of its samples (a resample, make-up or recheck included) came back negative.
 */
export function releaseFacts(input: { tests: TestRecord[]; openAlerts: number; needs: ReleaseRule['needs'] }): ReleaseFacts {
  const ofDay = (d: number) => input.tests.filter((t) => t.day === d);
  const lacking = daysAsked(input.tests, input.needs).filter((d) => !ofDay(d).some((t) => t.result === 'negative'));
  const awaiting = (d: number) => ofDay(d).some((t) => t.status === 'sampled');
  return {
    hasPositive: input.tests.some((t) => t.result === 'positive'),
    openAlerts: input.openAlerts,
    daysAwaitingResult: lacking.filter(awaiting),
    daysWithoutNegative: lacking.filter((d) => !awaiting(d)),
  };
}

/** What stands in the way of releasing a case whose period has ended, from its facts. */
export function blockersOf(facts: ReleaseFacts): ReleaseBlocker[] {
  const blockers: ReleaseBlocker[] = [];
  if (facts.hasPositive) blockers.push({ kind: 'positive' });
  if (facts.openAlerts > 0) blockers.push({ kind: 'open_alert' });
  if (facts.daysAwaitingResult.length) blockers.push({ kind: 'awaiting_result', days: facts.daysAwaitingResult });
  if (facts.daysWithoutNegative.length) blockers.push({ kind: 'no_negative', days: facts.daysWithoutNegative });
  return blockers;
}

/** The first day a case may be released under its rule. */
export function releasableFrom(endDate: IsoDate, after: ReleaseRule['after']): IsoDate {
  return after === 'day_after_period_end' ? addDays(endDate, 1) : endDate;
}

/**
 * The release rule: everything that stands between a case and its release today. Its period
 * must have ended as the rule says (`after`), no positive, no open alert, and the negative tests
 * the rule asks for (`needs`). A ledger category has no rule (null): it is never released.
 */
export function releaseRefusals(input: { rule: ReleaseRule | null; endDate: IsoDate; today: IsoDate; tests: TestRecord[]; openAlerts: number }): ReleaseRefusal[] {
  if (!input.rule) return [{ kind: 'ledger' }];
  const from = releasableFrom(input.endDate, input.rule.after);
  const notEnded: ReleaseRefusal[] = compareDates(from, input.today) > 0 ? [{ kind: 'not_ended', endDate: input.endDate, releasableFrom: from }] : [];
  return [...notEnded, ...blockersOf(releaseFacts({ tests: input.tests, openAlerts: input.openAlerts, needs: input.rule.needs }))];
}
