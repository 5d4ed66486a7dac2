import { describe, expect, it } from 'vitest';
import { cronExpression, fireAt, fireKey, fireOn, firesToCatchUp } from '../../src/domain/schedule';

const TZ = 'Asia/Shanghai';

describe('schedule arithmetic in the township zone', () => {
  it('places a 07:30 fire on the local date (the previous day in UTC)', () => {
    const f = fireOn('2026-11-24', '07:30', TZ);
    expect(f.at.toISOString()).toBe('2026-11-23T23:30:00.000Z');
    expect(fireKey(f)).toBe('2026-11-24 07:30');
  });

  it('writes a daily cron expression', () => {
    expect(cronExpression('07:30')).toBe('30 7 * * *');
    expect(cronExpression('18:05')).toBe('5 18 * * *');
  });

  it('catches up only fires of today that passed and are still useful', () => {
    const times = ['15:00', '08:00'];
    expect(firesToCatchUp({ times, now: new Date('2026-11-24T09:30:00+08:00'), timeZone: TZ, usefulMinutes: 120 }).map(fireKey)).toEqual(['2026-11-24 08:00']);
    expect(firesToCatchUp({ times, now: new Date('2026-11-24T16:00:00+08:00'), timeZone: TZ, usefulMinutes: 120 }).map(fireKey)).toEqual(['2026-11-24 15:00']);
    expect(firesToCatchUp({ times, now: new Date('2026-11-24T23:00:00+08:00'), timeZone: TZ, usefulMinutes: 120 })).toEqual([]);
    expect(firesToCatchUp({ times, now: new Date('2026-11-24T07:59:00+08:00'), timeZone: TZ, usefulMinutes: 120 })).toEqual([]);
  });

  it('never catches up yesterday evening just after local midnight', () => {
    // 00:10 in Shanghai is 16:10 UTC of the day before: yesterday's 18:30 is not "today".
    expect(firesToCatchUp({ times: ['18:30'], now: new Date('2026-11-25T00:10:00+08:00'), timeZone: TZ, usefulMinutes: 24 * 60 })).toEqual([]);
  });

  it('names the fire a manual run stands for', () => {
    const times = ['12:30', '18:30'];
    expect(fireKey(fireAt({ times, now: new Date('2026-11-24T13:00:00+08:00'), timeZone: TZ }))).toBe('2026-11-24 12:30');
    expect(fireKey(fireAt({ times, now: new Date('2026-11-24T18:30:00+08:00'), timeZone: TZ }))).toBe('2026-11-24 18:30');
    expect(fireKey(fireAt({ times, now: new Date('2026-11-24T06:00:00+08:00'), timeZone: TZ }))).toBe('2026-11-24 12:30');
  });
});
