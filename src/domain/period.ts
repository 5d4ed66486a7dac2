import { addDays, daysBetween, type IsoDate } from './dates';
import type { Category } from './policy';

export interface PeriodTest {
  /** Day of the whole period, 1 = start date. */
  day: number;
  date: IsoDate;
  phase: string;
}

export interface PeriodPhase {
  label: string;
  startDay: number;
  endDay: number;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface Period {
  startDate: IsoDate;
  endDate: IsoDate;
  totalDays: number;
  phases: PeriodPhase[];
  tests: PeriodTest[];
  firstTestDate: IsoDate | null;
}

/** Lays the category's phases end to end from the start date (day 1 = start date). */
export function computePeriod(category: Category, startDate: IsoDate): Period {
  const phases: PeriodPhase[] = [];
  const tests: PeriodTest[] = [];
  let offset = 0;
  for (const p of category.phases) {
    phases.push({
      label: p.label,
      startDay: offset + 1,
      endDay: offset + p.days,
      startDate: addDays(startDate, offset),
      endDate: addDays(startDate, offset + p.days - 1),
    });
    for (const t of p.testDays) {
      const day = offset + t;
      tests.push({ day, date: addDays(startDate, day - 1), phase: p.label });
    }
    offset += p.days;
  }
  tests.sort((a, b) => a.day - b.day);
  return {
    startDate,
    endDate: addDays(startDate, offset - 1),
    totalDays: offset,
    phases,
    tests,
    firstTestDate: tests[0]?.date ?? null,
  };
}

/** 1 on the start date; 0 or less before it. */
export function dayNumber(startDate: IsoDate, today: IsoDate): number {
  return daysBetween(startDate, today) + 1;
}
