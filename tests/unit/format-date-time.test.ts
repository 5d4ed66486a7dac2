import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from '../../src/messages/cases';

describe('formatDateTime: an instant as the township reads it', () => {
  it('is the wall clock of the zone, hours and minutes two digits, midnight 00', () => {
    // 16:05 UTC is the next day's 00:05 in Shanghai (some Intl hour cycles say 24:05).
    expect(formatDateTime(new Date('2026-11-23T16:05:00Z'), 'Asia/Shanghai')).toBe('11月24日 00:05');
    expect(formatDateTime(new Date('2026-01-02T01:09:00Z'), 'Asia/Shanghai')).toBe('1月2日 09:09');
    expect(formatDateTime(new Date('2026-01-02T01:09:00Z'), 'America/Los_Angeles')).toBe('1月1日 17:09');
    expect(formatTime(new Date('2026-11-23T16:05:00Z'), 'Asia/Shanghai')).toBe('00:05');
  });
});
