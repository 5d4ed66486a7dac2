import { describe, expect, it } from 'vitest';
import { releaseBlockers } from '../../src/domain/release';

describe('releaseBlockers', () => {
  const negative = (day: number) => ({ day, result: 'negative' as const });

  it('lets a case go with every test day negative and nothing open', () => {
    expect(releaseBlockers({ tests: [negative(1), negative(4), negative(7)], openAlerts: 0, requiresNegativeTests: true })).toEqual([]);
  });

  it('counts a day negative when its resample was, after an invalid first sample', () => {
    const tests = [negative(1), { day: 7, result: 'invalid' as const }, negative(7)];
    expect(releaseBlockers({ tests, openAlerts: 0, requiresNegativeTests: true })).toEqual([]);
  });

  it('names the test days without a negative result, a positive, and an open alert', () => {
    const tests = [negative(1), { day: 4, result: null }, { day: 7, result: 'positive' as const }];
    expect(releaseBlockers({ tests, openAlerts: 1, requiresNegativeTests: true })).toEqual([
      { kind: 'positive' },
      { kind: 'no_negative', days: [4, 7] },
      { kind: 'open_alert' },
    ]);
  });

  it('asks no negative tests of a category that does not require them, but still stops a positive', () => {
    expect(releaseBlockers({ tests: [{ day: 3, result: null }], openAlerts: 0, requiresNegativeTests: false })).toEqual([]);
    expect(releaseBlockers({ tests: [{ day: 3, result: 'positive' }], openAlerts: 0, requiresNegativeTests: false })).toEqual([{ kind: 'positive' }]);
  });
});
