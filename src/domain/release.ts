import type { TestResult } from './duties';

export interface TestRecord {
  day: number;
  result: TestResult | null;
}

export type ReleaseBlocker = { kind: 'no_negative'; days: number[] } | { kind: 'positive' } | { kind: 'open_alert' };

/**
 * What the release rules look at, once a case's test records are summed up. The release-due
 * listing computes these in SQL for every case due at once (casesDueForRelease); both must
 * follow releaseFacts.
 */
export interface ReleaseFacts {
  hasPositive: boolean;
  /** Test days without a negative result, in order; empty when the category asks for none. */
  daysWithoutNegative: number[];
  openAlerts: number;
}

/**
 * Sums up a case's tests (DOMAIN.md release rules): a positive anywhere counts; where the
 * category asks for negative tests, every test day needs a negative result (a day counts once
 * any of its samples, a resample included, came back negative).
 */
export function releaseFacts(input: { tests: TestRecord[]; openAlerts: number; requiresNegativeTests: boolean }): ReleaseFacts {
  const days = input.requiresNegativeTests ? [...new Set(input.tests.map((t) => t.day))].sort((a, b) => a - b) : [];
  return {
    hasPositive: input.tests.some((t) => t.result === 'positive'),
    daysWithoutNegative: days.filter((d) => !input.tests.some((t) => t.day === d && t.result === 'negative')),
    openAlerts: input.openAlerts,
  };
}

/** What stands in the way of releasing a case whose period has ended: no positive, no open abnormality, no test day without a negative. */
export function blockersOf(facts: ReleaseFacts): ReleaseBlocker[] {
  const blockers: ReleaseBlocker[] = [];
  if (facts.hasPositive) blockers.push({ kind: 'positive' });
  if (facts.daysWithoutNegative.length) blockers.push({ kind: 'no_negative', days: facts.daysWithoutNegative });
  if (facts.openAlerts > 0) blockers.push({ kind: 'open_alert' });
  return blockers;
}

/** Whether a case whose period has ended may be released, from its test records: see releaseFacts and blockersOf. */
export function releaseBlockers(input: { tests: TestRecord[]; openAlerts: number; requiresNegativeTests: boolean }): ReleaseBlocker[] {
  return blockersOf(releaseFacts(input));
}
