import { type IsoDate, todayIn, zonedDateTimeToInstant } from './dates';

/** One firing of a job: a time of day on a date, both in the township's zone. */
export interface Fire {
  date: IsoDate;
  time: string;
  at: Date;
}

/** How a fire is named in job_runs: unique per job, readable by an operator. */
export const fireKey = (fire: { date: IsoDate; time: string }): string => `${fire.date} ${fire.time}`;

/** node-cron expression (seconds omitted) firing daily at `hhmm`; the zone is given to node-cron. */
export function cronExpression(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${m} ${h} * * *`;
}

export function fireOn(date: IsoDate, time: string, timeZone: string): Fire {
  return { date, time, at: zonedDateTimeToInstant(date, time, timeZone) };
}

/**
 * Today's fires that passed while nobody was running and are still useful: at most
 * `usefulMinutes` old (a 07:30 list is worth sending at 08:10, not at 23:00).
 */
export function firesToCatchUp(input: { times: string[]; now: Date; timeZone: string; usefulMinutes: number }): Fire[] {
  const today = todayIn(input.timeZone, input.now);
  const now = input.now.getTime();
  return [...input.times]
    .sort()
    .map((t) => fireOn(today, t, input.timeZone))
    .filter((f) => f.at.getTime() <= now && now - f.at.getTime() <= input.usefulMinutes * 60_000);
}

/** The fire a run at `now` stands for: the latest one today at or before now, else today's first. */
export function fireAt(input: { times: string[]; now: Date; timeZone: string }): Fire {
  const today = todayIn(input.timeZone, input.now);
  const fires = [...input.times].sort().map((t) => fireOn(today, t, input.timeZone));
  return fires.filter((f) => f.at.getTime() <= input.now.getTime()).at(-1) ?? fires[0]!;
}
