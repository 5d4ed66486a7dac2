import type { TestResult } from './duties';

export interface TestRecord {
  day: number;
  result: TestResult | null;
}

export type ReleaseBlocker = { kind: 'no_negative'; days: number[] } | { kind: 'positive' } | { kind: 'open_alert' };

/**
 * Whether a case whose period has ended may be released (DOMAIN.md release rules): no positive
 * result, no abnormality still open, and, where the category asks for negative tests, a
 * negative result on every test day (a day counts once any of its samples, a resample
 * included, came back negative).
 */
export function releaseBlockers(input: { tests: TestRecord[]; openAlerts: number; requiresNegativeTests: boolean }): ReleaseBlocker[] {
  const blockers: ReleaseBlocker[] = [];
  if (input.tests.some((t) => t.result === 'positive')) blockers.push({ kind: 'positive' });
  if (input.requiresNegativeTests) {
    const days = [...new Set(input.tests.map((t) => t.day))].sort((a, b) => a - b);
    const missing = days.filter((d) => !input.tests.some((t) => t.day === d && t.result === 'negative'));
    if (missing.length) blockers.push({ kind: 'no_negative', days: missing });
  }
  if (input.openAlerts > 0) blockers.push({ kind: 'open_alert' });
  return blockers;
}
