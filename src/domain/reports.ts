import type { Policy } from './policy';

export type ReportRule = Policy['reports'][number];

/**
 * Which report a `/上报` at local time `hhmm` files: the first of the day's reports (by
 * deadline) not filed yet; late when its deadline has passed. Null when all are filed.
 */
export function reportToFile(reports: ReportRule[], filed: ReadonlySet<string>, hhmm: string): { report: ReportRule; late: boolean } | null {
  const open = [...reports].sort((a, b) => a.deadline.localeCompare(b.deadline)).find((r) => !filed.has(r.key));
  return open ? { report: open, late: hhmm > open.deadline } : null;
}

/** All the times report-deadline fires at: every reminder and every deadline. */
export function reportTimes(reports: ReportRule[]): string[] {
  return [...new Set(reports.flatMap((r) => [r.remind, r.deadline]))].sort();
}
