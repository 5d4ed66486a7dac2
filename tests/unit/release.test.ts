import { describe, expect, it } from 'vitest';
import type { DutyStatus, TestResult } from '../../src/domain/duties';
import { findCategory, loadPolicy, releaseRuleOf } from '../../src/domain/policy';
import { releaseRefusals, type ReleaseRule, type TestRecord } from '../../src/domain/release';

const test = (day: number, result: TestResult | null, status: DutyStatus = result ? 'done' : 'pending'): TestRecord => ({ day, status, result });
const negative = (day: number) => test(day, 'negative');
const ALL: ReleaseRule = { after: 'period_end', needs: 'all_negative' };
const FINAL: ReleaseRule = { after: 'period_end', needs: 'final_negative' };
const NOTHING: ReleaseRule = { after: 'period_end', needs: 'nothing' };
const end = '2026-11-22';
const refusals = (rule: ReleaseRule | null, tests: TestRecord[], more: { openAlerts?: number; today?: string } = {}) =>
  releaseRefusals({ rule, endDate: end, today: more.today ?? end, tests, openAlerts: more.openAlerts ?? 0 });

describe('releaseRefusals: after', () => {
  it('period_end: releasable on the last day of the period, not the day before', () => {
    expect(refusals(NOTHING, [], { today: '2026-11-21' })).toEqual([{ kind: 'not_ended', endDate: end, releasableFrom: end }]);
    expect(refusals(NOTHING, [], { today: end })).toEqual([]);
  });

  it('day_after_period_end: not on the last day, from the day after', () => {
    const rule: ReleaseRule = { after: 'day_after_period_end', needs: 'nothing' };
    expect(refusals(rule, [], { today: end })).toEqual([{ kind: 'not_ended', endDate: end, releasableFrom: '2026-11-23' }]);
    expect(refusals(rule, [], { today: '2026-11-23' })).toEqual([]);
    expect(refusals(rule, [], { today: '2026-11-30' })).toEqual([]);
  });
});

describe('releaseRefusals: needs', () => {
  it('all_negative: every test day negative; a day counts once its resample, make-up or recheck is', () => {
    expect(refusals(ALL, [negative(1), negative(4), negative(7)])).toEqual([]);
    expect(refusals(ALL, [negative(1), test(4, 'invalid'), negative(4), negative(7)])).toEqual([]);
    expect(refusals(ALL, [negative(1), test(4, null, 'missed'), test(7, null)])).toEqual([{ kind: 'no_negative', days: [4, 7] }]);
  });

  it('all_negative: days not done (未检) or missed (未采) are missing; a sample waiting for its result is told apart', () => {
    const tests = [test(1, null, 'not_done'), test(4, null, 'missed'), negative(4), test(7, null, 'sampled')];
    expect(refusals(ALL, tests)).toEqual([
      { kind: 'awaiting_result', days: [7] },
      { kind: 'no_negative', days: [1] },
    ]);
  });

  it('final_negative: only the last test day of the period must be negative, by any of its samples', () => {
    expect(refusals(FINAL, [test(1, null, 'missed'), test(3, null, 'not_done'), negative(10)])).toEqual([]);
    expect(refusals(FINAL, [negative(1), negative(3), test(10, 'invalid'), test(10, null)])).toEqual([{ kind: 'no_negative', days: [10] }]);
    expect(refusals(FINAL, [negative(1), test(10, null, 'sampled')])).toEqual([{ kind: 'awaiting_result', days: [10] }]);
  });

  it('nothing: no test is asked for, missing or waiting', () => {
    expect(refusals(NOTHING, [test(1, null, 'missed'), test(7, null, 'sampled')])).toEqual([]);
  });

  it('always: a positive anywhere and an open alert stop the release, whatever the rule asks', () => {
    for (const rule of [NOTHING, FINAL, ALL]) {
      const found = refusals(rule, [test(1, 'positive', 'abnormal'), negative(7)], { openAlerts: 1 });
      expect(found.slice(0, 2)).toEqual([{ kind: 'positive' }, { kind: 'open_alert' }]);
      // The positive day itself has no negative: only a rule asking for every day says so.
      expect(found.slice(2)).toEqual(rule === ALL ? [{ kind: 'no_negative', days: [1] }] : []);
    }
  });

  it('lists the period first, then everything else that stands in the way', () => {
    expect(refusals(ALL, [negative(1), test(4, null)], { today: '2026-11-20', openAlerts: 2 })).toEqual([
      { kind: 'not_ended', endDate: end, releasableFrom: end },
      { kind: 'open_alert' },
      { kind: 'no_negative', days: [4] },
    ]);
  });

  it('a ledger entry has no release step', () => {
    expect(refusals(null, [negative(1)])).toEqual([{ kind: 'ledger' }]);
  });
});

describe('the shipped rules per category (docs/release.md)', () => {
  const policy = loadPolicy();
  const rule = (word: string) => releaseRuleOf(findCategory(policy, word)!);

  it('reads each category as its plan says', () => {
    expect(rule('居家隔离')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('居家隔离观察')).toEqual({ after: 'day_after_period_end', needs: 'nothing' });
    expect(rule('集中隔离')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('入境')).toEqual({ after: 'period_end', needs: 'final_negative' });
    expect(rule('高风险岗位')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('出院随访')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('三天三检')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('三天两检')).toEqual({ after: 'period_end', needs: 'all_negative' });
    expect(rule('其他来返')).toBeNull();
  });
});
