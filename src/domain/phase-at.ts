import { compareDates, type IsoDate } from './dates';
import { computePeriod } from './period';
import type { Category } from './policy';

/**
 * Where a case's category puts it on `date`: the phase whose days contain the date, and who
 * manages that phase; null before the start or after the end of the period.
 */
export function phaseOn(category: Category, startDate: IsoDate, date: IsoDate): { label: string; managedAt: 'village' | 'isolation_point' } | null {
  const period = computePeriod(category, startDate);
  const i = period.phases.findIndex((p) => compareDates(p.startDate, date) <= 0 && compareDates(date, p.endDate) <= 0);
  const phase = category.phases[i];
  return phase ? { label: phase.label, managedAt: phase.managedAt } : null;
}
