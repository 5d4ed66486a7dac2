import { describe, expect, it } from 'vitest';
import { resolveFire } from '../../src/sandbox/run-job';

const tz = 'Asia/Shanghai';
const now = new Date('2026-11-23T10:00:00+08:00');

describe('resolveFire (the jobs panel\'s simulated instant)', () => {
  it('without a date or time runs the latest fire before now, at now', () => {
    expect(resolveFire({ times: ['08:00', '15:00'], now, timeZone: tz })).toEqual({
      fire: { date: '2026-11-23', time: '08:00', at: new Date('2026-11-23T08:00:00+08:00') },
      at: now,
    });
  });

  it('with a date only runs the first fire of that day, at its time', () => {
    const r = resolveFire({ times: ['15:00', '08:00'], date: '2026-12-01', now, timeZone: tz });
    expect(r).toEqual({ fire: { date: '2026-12-01', time: '08:00', at: new Date('2026-12-01T08:00:00+08:00') }, at: new Date('2026-12-01T08:00:00+08:00') });
  });

  it('with a time (and today by default) runs the fire due at that time', () => {
    const r = resolveFire({ times: ['08:00', '15:00'], time: '16:30', now, timeZone: tz });
    expect(r).toMatchObject({ fire: { date: '2026-11-23', time: '15:00' }, at: new Date('2026-11-23T16:30:00+08:00') });
  });

  it('refuses a malformed date or time', () => {
    expect(resolveFire({ times: ['08:00'], date: '2026-02-30', now, timeZone: tz })).toBe('bad_date');
    expect(resolveFire({ times: ['08:00'], time: '24:00', now, timeZone: tz })).toBe('bad_time');
  });
});
