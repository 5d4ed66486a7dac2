import { describe, expect, it } from 'vitest';
import { computePeriod, dayNumber } from '../../src/domain/period';
import { findCategory, loadPolicy, parsePolicy, type Category } from '../../src/domain/policy';

const policy = loadPolicy();
const category = (word: string): Category => findCategory(policy, word)!;

describe('computePeriod', () => {
  it('counts the start date as day 1', () => {
    const p = computePeriod(category('居家隔离'), '2026-11-20');
    expect(p).toMatchObject({ startDate: '2026-11-20', endDate: '2026-11-26', totalDays: 7, firstTestDate: '2026-11-20' });
    expect(p.tests.map((t) => [t.day, t.date])).toEqual([
      [1, '2026-11-20'],
      [4, '2026-11-23'],
      [7, '2026-11-26'],
    ]);
  });

  it('crosses a year end', () => {
    const p = computePeriod(category('居家隔离'), '2026-12-29');
    expect(p.endDate).toBe('2027-01-04');
    expect(p.tests.map((t) => t.date)).toEqual(['2026-12-29', '2027-01-01', '2027-01-04']);
  });

  it('crosses month ends, with and without a leap day', () => {
    expect(computePeriod(category('集中隔离'), '2028-02-25').tests.map((t) => t.date)).toEqual([
      '2028-02-25',
      '2028-02-26',
      '2028-02-27',
      '2028-02-29',
      '2028-03-02',
    ]);
    expect(computePeriod(category('集中隔离'), '2027-02-25').endDate).toBe('2027-03-03');
    expect(computePeriod(category('集中隔离'), '2028-02-25').endDate).toBe('2028-03-02');
    expect(computePeriod(category('三天三检'), '2026-04-29').endDate).toBe('2026-05-01');
  });

  it('places later phases after earlier ones (inbound: 7 central + 3 home)', () => {
    const p = computePeriod(category('入境'), '2026-11-01');
    expect(p.totalDays).toBe(10);
    expect(p.endDate).toBe('2026-11-10');
    expect(p.tests.map((t) => [t.day, t.phase])).toEqual([
      [1, '集中隔离'],
      [2, '集中隔离'],
      [3, '集中隔离'],
      [5, '集中隔离'],
      [7, '集中隔离'],
      [10, '居家健康监测'],
    ]);
    expect(p.phases).toEqual([
      { label: '集中隔离', startDay: 1, endDay: 7, startDate: '2026-11-01', endDate: '2026-11-07' },
      { label: '居家健康监测', startDay: 8, endDay: 10, startDate: '2026-11-08', endDate: '2026-11-10' },
    ]);
  });

  it('handles a one-day period and a category without tests', () => {
    const p = computePeriod(category('其他来返'), '2026-12-31');
    expect(p).toMatchObject({ startDate: '2026-12-31', endDate: '2026-12-31', totalDays: 1, firstTestDate: '2026-12-31' });
    const noTests = parsePolicy({
      thresholds: { feverCelsius: 37.3, recheckWithinHours: 2 },
      tempSlots: [{ key: 'am', label: '上午', from: '07:00', to: '11:00' }],
      categories: [{ code: 'watch', name: '观察', phases: [{ label: '观察', days: 5, testDays: [] }] }],
    }).categories[0]!;
    expect(computePeriod(noTests, '2026-01-01')).toMatchObject({ endDate: '2026-01-05', tests: [], firstTestDate: null });
  });
});

describe('dayNumber', () => {
  it('is 1 on the start date and counts across year ends', () => {
    expect(dayNumber('2026-12-29', '2026-12-29')).toBe(1);
    expect(dayNumber('2026-12-29', '2027-01-04')).toBe(7);
    expect(dayNumber('2028-02-28', '2028-03-01')).toBe(3);
    expect(dayNumber('2026-12-29', '2026-12-28')).toBe(0);
  });
});
