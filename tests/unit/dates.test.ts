import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  compareDates,
  daysBetween,
  isValidIsoDate,
  localTimeIn,
  parseDateToken,
  todayIn,
  toHalfWidth,
  zonedDateTimeToInstant,
} from '../../src/domain/dates';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('todayIn / localTimeIn', () => {
  it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati'])(
    'reads the Shanghai date whatever the process zone (TZ=%s)',
    (tz) => {
      process.env.TZ = tz;
      expect(todayIn('Asia/Shanghai', new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24');
      expect(todayIn('Asia/Shanghai', new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
      expect(todayIn('Asia/Shanghai', new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    },
  );

  it('gives the wall-clock hour and minute, with midnight as hour 0', () => {
    expect(localTimeIn('Asia/Shanghai', new Date('2026-11-23T16:05:00Z'))).toEqual({ date: '2026-11-24', hour: 0, minute: 5 });
    expect(localTimeIn('America/New_York', new Date('2026-07-01T12:30:00Z'))).toEqual({ date: '2026-07-01', hour: 8, minute: 30 });
  });

  it('crosses the year in the zone before UTC does', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayIn('UTC', new Date('2026-12-31T16:00:00Z'))).toBe('2026-12-31');
  });
});

describe('date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-08', 0)).toBe('2026-03-08');
  });

  it('is unaffected by DST in the process zone', () => {
    process.env.TZ = 'America/New_York';
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(daysBetween('2026-10-31', '2026-11-02')).toBe(2);
  });

  it('counts days b - a', () => {
    expect(daysBetween('2026-12-29', '2027-01-04')).toBe(6);
    expect(daysBetween('2027-01-04', '2026-12-29')).toBe(-6);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2027-02-01', '2027-03-01')).toBe(28);
  });

  it('validates and compares ISO dates', () => {
    expect(isValidIsoDate('2028-02-29')).toBe(true);
    expect(isValidIsoDate('2026-02-29')).toBe(false);
    expect(isValidIsoDate('2026-2-1')).toBe(false);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(compareDates('2026-01-02', '2026-01-10')).toBe(-1);
    expect(compareDates('2026-01-10', '2026-01-02')).toBe(1);
    expect(compareDates('2026-01-10', '2026-01-10')).toBe(0);
  });

  it('throws on a malformed date rather than computing nonsense', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('converts full-width characters', () => {
    expect(toHalfWidth('２０２６／１１／２０\u3000ｘ')).toBe('2026/11/20 x');
  });
});

describe('parseDateToken', () => {
  const today = '2026-11-23';
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/11/20', '2026-11-20'],
    ['2026.11.20', '2026-11-20'],
    ['2026年11月20日', '2026-11-20'],
    ['2026年11月20', '2026-11-20'],
    ['11月20日', '2026-11-20'],
    ['11月20号', '2026-11-20'],
    ['11月20', '2026-11-20'],
    ['11-20', '2026-11-20'],
    ['11/20', '2026-11-20'],
    ['1/5', '2026-01-05'],
    ['２０２６－１１－２０', '2026-11-20'],
    ['１１月２０日', '2026-11-20'],
    ['今天', '2026-11-23'],
    ['昨天', '2026-11-22'],
    ['前天', '2026-11-21'],
  ])('reads %s', (token, date) => {
    expect(parseDateToken(token, today)).toEqual({ ok: true, date });
  });

  it('keeps a near-future date in the current year (the caller rejects it)', () => {
    expect(parseDateToken('12月25日', today)).toEqual({ ok: true, date: '2026-12-25' });
  });

  it('uses the previous year for a month-day far in the future (around New Year)', () => {
    expect(parseDateToken('12月30日', '2027-01-02')).toEqual({ ok: true, date: '2026-12-30' });
    expect(parseDateToken('12/31', '2027-01-01')).toEqual({ ok: true, date: '2026-12-31' });
    expect(parseDateToken('1月2日', '2026-12-30')).toEqual({ ok: true, date: '2026-01-02' });
    expect(parseDateToken('昨天', '2027-01-01')).toEqual({ ok: true, date: '2026-12-31' });
  });

  it('resolves Feb 29 without a year to the leap year it belongs to', () => {
    expect(parseDateToken('2月29日', '2028-03-10')).toEqual({ ok: true, date: '2028-02-29' });
    expect(parseDateToken('2月29日', '2027-03-10')).toEqual({ ok: false });
  });

  it.each(['2026-02-30', '2026年2月30日', '2月30日', '13月1日', '11/31', '2026-00-10', '0月0日'])(
    'flags date-shaped but impossible %s',
    (token) => {
      expect(parseDateToken(token, today)).toEqual({ ok: false });
    },
  );

  it.each(['张三', '13812345678', '幸福路8号', '37.5', '20261120', '3-2-101', ''])('ignores non-dates like %s', (token) => {
    expect(parseDateToken(token, today)).toBeNull();
  });
});

describe('zonedDateTimeToInstant', () => {
  it('converts Shanghai wall time (no DST) regardless of process zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(zonedDateTimeToInstant('2026-11-24', '09:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-24', '00:30', 'Asia/Shanghai').toISOString()).toBe('2026-11-23T16:30:00.000Z');
  });

  it('uses the right offset on each side of a DST change', () => {
    expect(zonedDateTimeToInstant('2026-03-07', '09:00', 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-03-08', '09:00', 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(zonedDateTimeToInstant('2026-03-29', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('pushes a skipped time forward and picks the earlier of a repeated time', () => {
    // 02:30 does not exist on 2026-03-08 in New York; 01:30 happens twice on 2026-11-01.
    expect(zonedDateTimeToInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedDateTimeToInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('round-trips through localTimeIn', () => {
    for (const tz of ['Asia/Shanghai', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const instant = zonedDateTimeToInstant('2026-10-04', '16:45', tz);
      expect(localTimeIn(tz, instant)).toEqual({ date: '2026-10-04', hour: 16, minute: 45 });
    }
  });

  it('rejects a malformed time', () => {
    expect(() => zonedDateTimeToInstant('2026-11-24', '25:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedDateTimeToInstant('2026-11-24', '9am', 'Asia/Shanghai')).toThrow(RangeError);
  });
});
