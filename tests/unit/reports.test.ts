import { describe, expect, it } from 'vitest';
import { loadPolicy, parsePolicy } from '../../src/domain/policy';
import { reportTimes, reportToFile } from '../../src/domain/reports';

const reports = [
  { key: 'report', label: '日报', remind: '15:00', deadline: '16:00' },
  { key: 'list', label: '名单', remind: '08:30', deadline: '09:00' },
];

describe('reports', () => {
  it('files the earliest-deadline report not yet filed, late after its deadline', () => {
    expect(reportToFile(reports, new Set(), '08:10')).toEqual({ report: reports[1], late: false });
    expect(reportToFile(reports, new Set(), '09:01')).toEqual({ report: reports[1], late: true });
    expect(reportToFile(reports, new Set(['list']), '16:00')).toEqual({ report: reports[0], late: false });
    expect(reportToFile(reports, new Set(['list', 'report']), '10:00')).toBeNull();
  });

  it('fires report-deadline at every reminder and deadline, once each', () => {
    expect(reportTimes([...reports, { key: 'x', label: 'x', remind: '15:00', deadline: '17:00' }])).toEqual(['08:30', '09:00', '15:00', '16:00', '17:00']);
  });

  it('refuses a policy whose reminder is not before its deadline', () => {
    const raw = { ...loadPolicy(), reports: [{ key: 'daily', label: '日报', remind: '16:00', deadline: '16:00' }] };
    expect(() => parsePolicy(raw)).toThrow(/reminder must come before the deadline/);
  });
});
