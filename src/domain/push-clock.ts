import { addDays, type IsoDate, zonedDateTimeToInstant } from './dates';

/** The instant a list pushed on `date` is checked by: "24:00" is the day's end ("日推日清", 001 篇二 §7). */
export function deadlineOn(date: IsoDate, hhmm: string, timeZone: string): Date {
  return hhmm === '24:00' ? zonedDateTimeToInstant(addDays(date, 1), '00:00', timeZone) : zonedDateTimeToInstant(date, hhmm, timeZone);
}

/**
 * The reminder due now, if any: the nearest of the policy's hours-before-deadline that has
 * come and was not reminded at yet (one message even when a late start skipped an earlier one).
 * None once the deadline has passed: then HQ hears of what is left.
 */
export function reminderDue(input: { deadline: Date; now: Date; hours: readonly number[]; remindedHours: number | null }): number | null {
  if (input.now >= input.deadline) return null;
  const left = (input.deadline.getTime() - input.now.getTime()) / 3600_000;
  const due = input.hours.filter((h) => h >= left && (input.remindedHours === null || h < input.remindedHours));
  return due.length ? Math.min(...due) : null;
}
