import { afterEach, describe, expect, it } from 'vitest';
import {
  RESAMPLE_SLOT,
  currentTempSlot,
  dayOfPeriod,
  dayOfPeriodAt,
  evaluateTemperature,
  parseTemperature,
  planDuties,
  MAKEUP_SLOT,
  pastTestDays,
  planMakeup,
  planRecheck,
  planResample,
  RECHECK_SLOT,
  replanDuties,
  resultDeadlineHours,
  type AnsweredTest,
  type ExistingDuty,
  type PlannedDuty,
} from '../../src/domain/duties';
import { findCategory, loadPolicy, parsePolicy, type Policy } from '../../src/domain/policy';

const policy = loadPolicy();
const SH = 'Asia/Shanghai';
const plan = (word: string, startDate: string, timeZone = SH, p: Policy = policy) =>
  planDuties({ category: findCategory(p, word)!, startDate, policy: p, timeZone });
const days = (ds: PlannedDuty[], kind: PlannedDuty['kind']) => ds.filter((d) => d.kind === kind).map((d) => d.day);
const brief = (d: PlannedDuty) => `${d.dueDate} ${d.kind}${d.slot ? `:${d.slot}` : ''} d${d.day}`;

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('planDuties per category of the default policy', () => {
  it.each([
    // word, test days, temp duties, visit days, roll calls
    ['居家隔离', [1, 4, 7], 14, [1, 4, 7], 0],
    ['居家隔离观察', [1, 7, 14], 28, [1, 4, 7, 10, 13], 0],
    ['集中隔离', [1, 2, 3, 5, 7], 14, [], 0],
    ['入境', [1, 2, 3, 5, 7, 10], 20, [], 0],
    ['高风险岗位', [1, 4, 7], 14, [1, 4, 7], 0],
    ['出院随访', [3, 7], 14, [1, 4, 7], 0],
    ['三天三检', [1, 2, 3], 6, [], 9],
    ['三天两检', [1, 3], 6, [], 9],
    ['其他来返', [1], 0, [], 0],
  ] as const)('%s: tests on days %j, %i temperature checks, visits on %j, %i roll calls', (word, tests, temps, visits, rollCalls) => {
    const ds = plan(word, '2026-11-20');
    expect(days(ds, 'test')).toEqual(tests);
    expect(days(ds, 'temp')).toHaveLength(temps);
    expect(days(ds, 'visit')).toEqual(visits);
    expect(days(ds, 'rollcall')).toHaveLength(rollCalls);
    expect(ds).toHaveLength(tests.length + temps + visits.length + rollCalls);
    for (const d of ds) expect(dayOfPeriod('2026-11-20', d.dueDate)).toBe(d.day);
  });

  it('checks temperature am and pm on every day of the period', () => {
    const temps = plan('居家隔离', '2026-11-20').filter((d) => d.kind === 'temp');
    expect(temps.map((d) => `${d.day}${d.slot}`)).toEqual([1, 2, 3, 4, 5, 6, 7].flatMap((n) => [`${n}am`, `${n}pm`]));
  });

  it('labels duties with their phase (inbound: 7 central + 3 home)', () => {
    const ds = plan('入境', '2026-11-01');
    const test10 = ds.find((d) => d.kind === 'test' && d.day === 10)!;
    expect(test10).toMatchObject({ dueDate: '2026-11-10', phase: '居家健康监测', slot: null });
    expect(ds.filter((d) => d.day === 7).every((d) => d.phase === '集中隔离')).toBe(true);
    expect(ds.filter((d) => d.day === 8).map((d) => d.phase)).toEqual(['居家健康监测', '居家健康监测']);
  });

  it('uses the first N slots of a custom policy and its visit rhythm', () => {
    const custom = parsePolicy({
      thresholds: { feverCelsius: 37.3, recheckWithinHours: 2 },
      tempSlots: [
        { key: 'am', label: '上午', from: '07:00', to: '11:00' },
        { key: 'pm', label: '下午', from: '14:00', to: '18:00' },
      ],
      categories: [
        { code: 'watch', name: '观察', phases: [{ label: '观察', days: 5, testDays: [], tempChecksPerDay: 1 }], visitEveryDays: 2, rollCallsPerDay: 2 },
      ],
    });
    const ds = plan('观察', '2026-01-30', SH, custom);
    expect(ds.filter((d) => d.kind === 'temp').map((d) => d.slot)).toEqual(['am', 'am', 'am', 'am', 'am']);
    expect(days(ds, 'visit')).toEqual([1, 3, 5]);
    expect(ds.filter((d) => d.kind === 'rollcall' && d.day === 1).map((d) => d.slot)).toEqual(['morning', 'noon']);
    expect(days(ds, 'rollcall')).toHaveLength(10);
    expect(ds.at(-1)!.dueDate).toBe('2026-02-03');
  });
});

describe('planDuties windows and ordering', () => {
  it('turns Shanghai windows into instants (08:00 Shanghai = 00:00Z)', () => {
    const day1 = plan('居家隔离', '2026-11-20').filter((d) => d.day === 1);
    expect(day1.map((d) => [d.kind, d.slot, d.windowStart.toISOString(), d.windowEnd.toISOString()])).toEqual([
      ['temp', 'am', '2026-11-19T23:00:00.000Z', '2026-11-20T03:00:00.000Z'],
      ['test', null, '2026-11-20T00:00:00.000Z', '2026-11-20T04:00:00.000Z'],
      ['visit', null, '2026-11-20T00:00:00.000Z', '2026-11-20T10:00:00.000Z'],
      ['temp', 'pm', '2026-11-20T06:00:00.000Z', '2026-11-20T10:00:00.000Z'],
    ]);
  });

  it('sorts by date, then window start, then kind (三天三检 day 1)', () => {
    const day1 = plan('三天三检', '2026-11-20').filter((d) => d.day === 1);
    expect(day1.map((d) => `${d.kind}:${d.slot}`)).toEqual([
      'temp:am',
      'test:null',
      'rollcall:morning',
      'rollcall:noon',
      'temp:pm',
      'rollcall:evening',
    ]);
    const all = plan('三天三检', '2026-11-20');
    expect(all.map((d) => d.dueDate)).toEqual([...all.map((d) => d.dueDate)].sort());
  });

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'])('does not depend on the process zone (TZ=%s)', (tz) => {
    process.env.TZ = tz;
    const ds = plan('居家隔离', '2026-12-30');
    const test4 = ds.find((d) => d.kind === 'test' && d.day === 4)!;
    expect([test4.dueDate, test4.windowStart.toISOString(), test4.windowEnd.toISOString()]).toEqual([
      '2027-01-02',
      '2027-01-02T00:00:00.000Z',
      '2027-01-02T04:00:00.000Z',
    ]);
    // 07:00 on Jan 1 in Shanghai is still Dec 31 in UTC.
    const am3 = ds.find((d) => d.kind === 'temp' && d.day === 3 && d.slot === 'am')!;
    expect([am3.dueDate, am3.windowStart.toISOString()]).toEqual(['2027-01-01', '2026-12-31T23:00:00.000Z']);
  });

  it('crosses a year end: 2026-12-30 + 7 days', () => {
    const ds = plan('居家隔离', '2026-12-30');
    expect(ds.filter((d) => d.kind === 'test').map((d) => d.dueDate)).toEqual(['2026-12-30', '2027-01-02', '2027-01-05']);
    expect(ds[0]!.dueDate).toBe('2026-12-30');
    expect(ds.at(-1)).toMatchObject({ dueDate: '2027-01-05', day: 7, kind: 'temp', slot: 'pm' });
    expect(new Set(ds.map((d) => d.dueDate)).size).toBe(7);
  });

  it('crosses month ends, leap day included', () => {
    expect(plan('集中隔离', '2028-02-28').filter((d) => d.kind === 'test').map((d) => d.dueDate)).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
      '2028-03-03',
      '2028-03-05',
    ]);
    expect(plan('三天三检', '2027-02-27').at(-1)!.dueDate).toBe('2027-03-01');
    expect(plan('居家隔离', '2026-04-30').filter((d) => d.kind === 'visit').map((d) => d.dueDate)).toEqual([
      '2026-04-30',
      '2026-05-03',
      '2026-05-06',
    ]);
  });

  it('follows daylight saving time in zones that have it', () => {
    // New York moves to EDT on 2026-03-08: 08:00 is 13:00Z before and 12:00Z after.
    const tests = plan('居家隔离', '2026-03-07', 'America/New_York').filter((d) => d.kind === 'test');
    expect(tests.map((d) => d.windowStart.toISOString())).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-10T12:00:00.000Z',
      '2026-03-13T12:00:00.000Z',
    ]);
  });

  it('rejects a bad start date', () => {
    expect(() => plan('居家隔离', '2026-02-30')).toThrow(RangeError);
  });
});

describe('dayOfPeriod', () => {
  it('counts the start date as day 1, across a year end', () => {
    expect(dayOfPeriod('2026-12-30', '2026-12-30')).toBe(1);
    expect(dayOfPeriod('2026-12-30', '2027-01-05')).toBe(7);
    expect(dayOfPeriod('2026-12-30', '2026-12-29')).toBe(0);
  });

  it.each([
    ['2026-11-20T15:59:59Z', 1], // 23:59:59 on day 1 in Shanghai
    ['2026-11-20T16:00:00Z', 2], // midnight: day 2 starts
    ['2026-11-19T16:00:00Z', 1],
    ['2026-11-19T15:59:59Z', 0],
  ])('changes at Shanghai midnight, not UTC midnight (%s → day %i)', (iso, expected) => {
    process.env.TZ = 'UTC';
    expect(dayOfPeriodAt({ startDate: '2026-11-20', now: new Date(iso), timeZone: SH })).toBe(expected);
  });

  it('counts across a year end at midnight', () => {
    expect(dayOfPeriodAt({ startDate: '2026-12-30', now: new Date('2026-12-31T16:00:00Z'), timeZone: SH })).toBe(3);
  });
});

describe('replanDuties', () => {
  const ex = (id: number, kind: ExistingDuty['kind'], dueDate: string, slot: string | null, status: ExistingDuty['status'], day: number): ExistingDuty => ({
    id,
    kind,
    dueDate,
    slot,
    status,
    day,
  });

  it('keeps history and the past, cancels stale pending duties and adds what is missing', () => {
    const planned = plan('居家隔离', '2026-11-20'); // tests and visits on 11-20, 11-23, 11-26
    const existing = [
      ex(1, 'test', '2026-11-17', null, 'pending', 1), // past: untouched even though not planned
      ex(2, 'temp', '2026-11-22', 'am', 'pending', 3), // past
      ex(3, 'test', '2026-11-23', null, 'done', 4), // history today: kept
      ex(4, 'temp', '2026-11-23', 'am', 'abnormal', 4), // history
      ex(5, 'temp', '2026-11-23', 'pm', 'pending', 4), // as planned: kept
      ex(6, 'test', '2026-11-24', null, 'pending', 5), // not planned any more
      ex(7, 'temp', '2026-11-24', 'am', 'pending', 4), // wrong day number: replaced
      ex(8, 'temp', '2026-11-24', 'pm', 'cancelled', 5), // cancelled: planned one comes back
      ex(9, 'temp', '2026-11-25', 'am', 'pending', 6),
      ex(10, 'temp', '2026-11-25', 'am', 'pending', 6), // duplicate
      ex(11, 'test', '2026-11-26', RESAMPLE_SLOT, 'pending', 7), // a resample: not the plan's business
      ex(12, 'visit', '2026-11-25', null, 'missed', 6), // history
      ex(13, 'temp', '2026-11-25', 'pm', 'missed', 6), // history blocks re-adding
    ];
    const r = replanDuties({ existing, planned, today: '2026-11-23' });
    expect(r.cancel).toEqual([6, 7, 10]);
    expect(r.add.map(brief)).toEqual([
      '2026-11-23 visit d4',
      '2026-11-24 temp:am d5',
      '2026-11-24 temp:pm d5',
      '2026-11-26 temp:am d7',
      '2026-11-26 test d7',
      '2026-11-26 visit d7',
      '2026-11-26 temp:pm d7',
    ]);
  });

  it('changes nothing when the plan is unchanged', () => {
    const planned = plan('三天三检', '2026-11-20');
    const existing = planned.map((d, i): ExistingDuty => ({ ...d, id: i + 1, status: i % 3 === 0 ? 'done' : 'pending' }));
    expect(replanDuties({ existing, planned, today: '2026-11-21' })).toEqual({ cancel: [], add: [] });
  });

  it('replaces pending duties whose phase changed, when the phase is known', () => {
    const old = plan('集中隔离', '2026-11-20');
    const existing = old.map((d, i): ExistingDuty => ({ ...d, id: i + 1, status: d.dueDate < '2026-11-22' ? 'done' : 'pending' }));
    const planned = plan('高风险岗位', '2026-11-20');
    const r = replanDuties({ existing, planned, today: '2026-11-22' });
    expect(r.cancel).toEqual(existing.filter((d) => d.dueDate >= '2026-11-22').map((d) => d.id));
    expect(r.add).toEqual(planned.filter((d) => d.dueDate >= '2026-11-22'));
    expect(r.add.every((d) => d.phase === '高风险岗位隔离')).toBe(true);
  });

  it('moves the start date without touching yesterday and without duplicates', () => {
    const old = plan('居家隔离', '2026-11-20');
    const today = '2026-11-24';
    const existing = old.map((d, i): ExistingDuty => ({
      ...d,
      id: i + 1,
      status: d.dueDate < today || (d.dueDate === today && d.slot === 'am') ? 'done' : 'pending',
    }));
    const planned = plan('居家隔离', '2026-11-22'); // found two days later than first thought
    const r = replanDuties({ existing, planned, today });
    const cancelled = new Set(r.cancel);
    expect(existing.filter((d) => cancelled.has(d.id)).every((d) => d.dueDate >= today && d.status === 'pending')).toBe(true);
    expect(r.add.every((d) => d.dueDate >= today)).toBe(true);

    const key = (d: { kind: string; dueDate: string; slot: string | null; day: number }) => `${d.kind}|${d.dueDate}|${d.slot}|${d.day}`;
    const live = [...existing.filter((d) => d.dueDate >= today && !cancelled.has(d.id)), ...r.add].map(key).sort();
    expect(new Set(live).size).toBe(live.length);
    // Everything from today on follows the new plan, except the am check already done today (old day 5).
    const expected = planned.filter((d) => d.dueDate >= today && !(d.dueDate === today && d.slot === 'am')).map(key);
    expect(live).toEqual([...expected, `temp|${today}|am|5`].sort());
    expect(r.add.map(brief)).toContain('2026-11-25 test d4');
    expect(r.cancel).toContain(existing.find((d) => d.kind === 'test' && d.dueDate === '2026-11-26')!.id);
  });

  it('on registration with a past start date, plans from today only', () => {
    const planned = plan('居家隔离', '2026-11-20');
    const r = replanDuties({ existing: [], planned, today: '2026-11-25' });
    expect(r.cancel).toEqual([]);
    expect(r.add.map((d) => d.dueDate)).toEqual(['2026-11-25', '2026-11-25', '2026-11-26', '2026-11-26', '2026-11-26', '2026-11-26']);
  });
});

describe('planResample', () => {
  const original: AnsweredTest & { dueDate: string } = { dueDate: '2026-11-23', day: 4, phase: '居家隔离', managedAt: 'village' };
  const resample = (iso: string, o = original) => planResample({ original: o, now: new Date(iso), policy, timeZone: SH });

  it.each([
    ['2026-11-22T23:30:00Z', '2026-11-23', 4], // 07:30, window not yet open: today
    ['2026-11-23T02:00:00Z', '2026-11-23', 4], // 10:00
    ['2026-11-23T03:59:59Z', '2026-11-23', 4], // 11:59:59, last second of the window
    ['2026-11-23T04:00:00Z', '2026-11-24', 4], // 12:00, window closed: next day
    ['2026-11-23T15:59:59Z', '2026-11-24', 4], // 23:59:59
    ['2026-11-23T16:00:00Z', '2026-11-24', 4], // 00:00 next day, result came overnight
    ['2026-11-24T01:00:00Z', '2026-11-24', 4], // 09:00 next day
    ['2026-11-24T05:00:00Z', '2026-11-25', 4], // 13:00 next day
  ])('result at %s → resample on %s, still for test day %i', (iso, dueDate, day) => {
    expect(resample(iso)).toMatchObject({ kind: 'test', dueDate, day, slot: RESAMPLE_SLOT, phase: '居家隔离' });
  });

  it('keeps the sampling window in the zone', () => {
    const r = resample('2026-11-23T04:00:00Z');
    expect([r.windowStart.toISOString(), r.windowEnd.toISOString()]).toEqual(['2026-11-24T00:00:00.000Z', '2026-11-24T04:00:00.000Z']);
  });

  it('crosses a year end and never goes before the original date', () => {
    expect(resample('2026-12-31T05:00:00Z', { dueDate: '2026-12-31', day: 2, phase: '集中隔离', managedAt: 'isolation_point' as const })).toMatchObject({
      dueDate: '2027-01-01',
      day: 2,
    });
    expect(resample('2026-11-20T02:00:00Z')).toMatchObject({ dueDate: '2026-11-23', day: 4 });
  });
});

describe('planMakeup and planRecheck', () => {
  it('a make-up is due today in the sampling window and answers the original test day', () => {
    const m = planMakeup({ original: { day: 4, phase: '居家隔离', managedAt: 'village' }, today: '2026-11-26', policy, timeZone: SH });
    expect(m).toMatchObject({ kind: 'test', day: 4, dueDate: '2026-11-26', slot: MAKEUP_SLOT, phase: '居家隔离' });
    expect(m.windowStart.toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('an individual recheck after 混管阳性 is due from now for the policy hours, across midnight if need be', () => {
    const r = planRecheck({ original: { day: 2, phase: '集中隔离', managedAt: 'isolation_point' }, now: new Date('2026-11-23T14:30:00Z'), policy, timeZone: SH });
    expect(r).toMatchObject({ kind: 'test', day: 2, dueDate: '2026-11-23', slot: RECHECK_SLOT });
    expect(r.windowEnd.getTime() - r.windowStart.getTime()).toBe(policy.results.pooledRecheckWithinHours * 3600_000);
  });

  it('the result deadline: the recheck hours, the category hours, else the policy hours', () => {
    const category = findCategory(policy, '居家隔离')!;
    expect(resultDeadlineHours({ policy, category, slot: null })).toBe(24);
    expect(resultDeadlineHours({ policy, category: { ...category, resultDeadlineHours: 6 }, slot: MAKEUP_SLOT })).toBe(6);
    expect(resultDeadlineHours({ policy, category, slot: RECHECK_SLOT })).toBe(policy.results.recheckDeadlineHours);
  });

  it('past test days of a period that started before the registration', () => {
    const ds = plan('居家隔离', '2026-11-20');
    expect(pastTestDays(ds, '2026-11-24').map((d) => d.day)).toEqual([1, 4]);
    expect(pastTestDays(ds, '2026-11-20')).toEqual([]);
  });
});

describe('parseTemperature', () => {
  it.each([
    ['38.2', 38.2],
    ['38.2℃', 38.2],
    ['38.2度', 38.2],
    ['38.2 °C', 38.2],
    ['３８．２', 38.2],
    ['３８．２℃', 38.2],
    ['36。5', 36.5],
    [' 37 ', 37],
    ['34', 34],
    ['43.0', 43],
  ])('%j → %s', (text, celsius) => {
    expect(parseTemperature(text)).toEqual({ ok: true, celsius });
  });

  it.each([
    ['382', 'out_of_range'],
    ['33.9', 'out_of_range'],
    ['43.1', 'out_of_range'],
    ['0', 'out_of_range'],
    ['', 'not_a_number'],
    ['abc', 'not_a_number'],
    ['-37', 'not_a_number'],
    ['37.2.1', 'not_a_number'],
    ['三十七度', 'not_a_number'],
    ['37,2', 'not_a_number'],
    ['36.5。', 'not_a_number'],
    ['38.2℃℃', 'not_a_number'],
  ])('%j → %s', (text, reason) => {
    expect(parseTemperature(text)).toEqual({ ok: false, reason });
  });
});

describe('evaluateTemperature', () => {
  const evaluate = (celsius: number, symptoms: string[] = [], p: Policy = policy) => evaluateTemperature({ celsius, symptoms, policy: p });

  it('treats exactly 37.3 as abnormal (≥) and 37.2 as normal', () => {
    expect(evaluate(37.3)).toEqual({ abnormal: true, reasons: ['fever'] });
    const typed = parseTemperature('３７．３℃');
    if (!typed.ok) throw new Error('37.3 should parse');
    expect(evaluate(typed.celsius)).toEqual({ abnormal: true, reasons: ['fever'] });
    expect(evaluate(37.29)).toEqual({ abnormal: false, reasons: [] });
    expect(evaluate(37.2)).toEqual({ abnormal: false, reasons: [] });
  });

  it('flags symptoms alone, and both reasons together', () => {
    expect(evaluate(36.5, ['干咳'])).toEqual({ abnormal: true, reasons: ['symptom'] });
    expect(evaluate(36.5, ['头痛'])).toEqual({ abnormal: true, reasons: ['symptom'] });
    expect(evaluate(38.5, ['发热', '乏力'])).toEqual({ abnormal: true, reasons: ['fever', 'symptom'] });
    expect(evaluate(36.5, ['无', ' ', ''])).toEqual({ abnormal: false, reasons: [] });
  });

  it('reads the threshold from the policy', () => {
    const lenient = { ...policy, thresholds: { ...policy.thresholds, feverCelsius: 37.5 } };
    expect(evaluate(37.4, [], lenient).abnormal).toBe(false);
    expect(evaluate(37.5, [], lenient).abnormal).toBe(true);
  });

  it('rejects a non-number', () => {
    expect(() => evaluate(Number.NaN)).toThrow(RangeError);
  });
});

describe('currentTempSlot', () => {
  it.each([
    ['2026-11-19T22:00:00Z', 'am'], // 06:00, before the first window
    ['2026-11-20T01:00:00Z', 'am'], // 09:00, inside
    ['2026-11-20T04:29:00Z', 'am'], // 12:29, closer to the am window
    ['2026-11-20T04:30:00Z', 'am'], // 12:30, a tie: the earlier slot
    ['2026-11-20T04:31:00Z', 'pm'], // 12:31, closer to the pm window
    ['2026-11-20T07:00:00Z', 'pm'], // 15:00, inside
    ['2026-11-20T15:30:00Z', 'pm'], // 23:30, after the last window
    ['2026-11-20T16:30:00Z', 'am'], // 00:30 the next day in Shanghai, still the 20th in UTC
  ])('%s → %s', (iso, key) => {
    process.env.TZ = 'America/Los_Angeles';
    expect(currentTempSlot({ policy, now: new Date(iso), timeZone: SH })).toBe(key);
  });

  it('does not depend on the order of slots in the policy', () => {
    const reversed = { ...policy, tempSlots: [...policy.tempSlots].reverse() };
    expect(currentTempSlot({ policy: reversed, now: new Date('2026-11-20T01:00:00Z'), timeZone: SH })).toBe('am');
    expect(currentTempSlot({ policy: reversed, now: new Date('2026-11-20T04:30:00Z'), timeZone: SH })).toBe('am');
  });
});
