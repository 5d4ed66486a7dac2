import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { IsoDate } from '../domain/dates';

/** One village's line of the summary table, as of the end of the day asked (or now, for today). */
export interface VillageDayRow {
  village: string;
  /** Under management at the end of the day (now, for today). */
  active: number;
  /** Tests due that day, sampled of them, sampled still without a result, and not sampled in their window (漏采). */
  due: number;
  sampled: number;
  awaiting: number;
  missed: number;
  /** Alerts open at the end of the day. */
  alerts: number;
}

/**
 * The township in one look: per village, the day's numbers only — a past day as it stood at
 * its end (who was under management then, that day's tests, alerts open then), today as of now.
 * A sampled test counts as 待结果 when its result came after the day ended (or not yet).
 */
export async function villageDayTable(db: Database, input: { date: IsoDate; live: boolean; timeZone: string }): Promise<VillageDayRow[]> {
  const { date, timeZone: tz } = input;
  const endOfDay = sql`((${date}::date + 1)::timestamp at time zone ${tz})`;
  const rows = rowsOf<{ village: string; active: number; due: number; sampled: number; awaiting: number; missed: number; alerts: number }>(
    await db.execute(sql`
      select v.name as village,
        (select count(*)::int from cases c where c.village_id = v.id
           and c.created_at < ${endOfDay} and c.start_date <= ${date}::date
           and (c.ended_at is null or c.ended_at >= ${endOfDay})) as active,
        (select count(*)::int from duties d where d.village_id = v.id and d.kind = 'test' and d.due_date = ${date}::date and d.status not in ('cancelled', 'not_done')) as due,
        (select count(*)::int from duties d where d.village_id = v.id and d.kind = 'test' and d.due_date = ${date}::date and d.sampled_at is not null and d.sampled_at < ${endOfDay}) as sampled,
        (select count(*)::int from duties d where d.village_id = v.id and d.kind = 'test' and d.due_date = ${date}::date and d.sampled_at < ${endOfDay}
           and (d.result is null or d.completed_at >= ${endOfDay})) as awaiting,
        (select count(*)::int from duties d where d.village_id = v.id and d.kind = 'test' and d.due_date = ${date}::date
           and (d.status = 'missed' or (${!input.live} and d.status = 'pending'))) as missed,
        (select count(*)::int from case_alerts a where a.village_id = v.id and a.opened_at < ${endOfDay}
           and (a.closed_at is null or a.closed_at >= ${endOfDay})) as alerts
      from villages v order by v.id`),
  );
  return rows.map((r) => ({ ...r }));
}
