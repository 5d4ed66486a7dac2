import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { addDays, type IsoDate, todayIn } from '../domain/dates';
import type { Policy } from '../domain/policy';
import { resultDueAtSql } from '../db/repositories/result-timeouts.repository';
import { type ReleaseWaiting, releasesWaiting } from './release-due';
import { villagesMissingReport } from './report-status';
import { type VillageDayRow, villageDayTable } from './summary-table';

export interface DailySummary {
  date: IsoDate;
  /** Today's summary: live numbers as of `asOf`; a past day's: that day's numbers as of its end. */
  live: boolean;
  asOf: Date;
  timeZone: string;
  /** The day the day-scoped numbers (new, released, tests, missed) are of: yesterday when live, else `date`. */
  countsDay: IsoDate;
  /** Per village: 在管, 应检, 已采, 待结果, 异常, 漏采 of `date`. */
  table: VillageDayRow[];
  active: number;
  byCategory: { name: string; n: number }[];
  byVillage: { name: string; n: number }[];
  newYesterday: number;
  releasedYesterday: number;
  testsYesterday: { due: number; sampled: number; done: number; missed: number };
  testsToday: number;
  /** Sampled tests without a result now: still within the deadline (待结果), and past it (结果超时). */
  results: { awaiting: number; overdue: number };
  openAlerts: number;
  /** Transfers under way now, past the policy's limit, and handed over yesterday. */
  transfers: { open: number; late: number; handedOverYesterday: number; limitHours: number };
  /** Releasable today and tomorrow under each category's rule, and overdue ones (releasable before today, still active) with why. */
  releases: ReleaseWaiting;
  /** Per report of the policy, the villages that did not file yesterday's by its deadline. */
  missedReports: { label: string; villages: string[] }[];
  /** Under management on each of the last 14 days (registered and started by then, not yet ended). */
  trend: { date: IsoDate; n: number }[];
}

const TREND_DAYS = 14;
/** Overdue releases named on the card, the longest waiting first (the release-due card lists them all). */
export const SUMMARY_OVERDUE_ROWS = 10;

/** HQ's morning numbers for `date` (today), all day arithmetic in the township's zone. */
export async function computeDailySummary(db: Database, input: { date: IsoDate; now: Date; timeZone: string; policy: Policy }): Promise<DailySummary> {
  const { date, timeZone: tz } = input;
  const live = date === todayIn(tz, input.now);
  // A past day's summary holds that day's numbers only; today's holds yesterday's finished ones.
  const yesterday = live ? addDays(date, -1) : date;
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0]!;

  const groups = rowsOf<{ category: string; village: string; n: number }>(
    await db.execute(sql`
      select c.category, v.name as village, count(*)::int as n
      from cases c join villages v on v.id = c.village_id
      where c.status = 'active' group by c.category, v.name, v.id order by v.id`),
  );
  const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
  const byCategory = input.policy.categories
    .map((c) => ({ name: c.name, n: sum(groups.filter((g) => g.category === c.code)) }))
    .filter((c) => c.n > 0);
  const byVillage: { name: string; n: number }[] = [];
  for (const g of groups) {
    const row = byVillage.find((v) => v.name === g.village);
    if (row) row.n += g.n;
    else byVillage.push({ name: g.village, n: g.n });
  }

  const counts = await one<{ new_yesterday: number; released_yesterday: number; open_alerts: number }>(sql`
    select
      (select count(*)::int from cases where (created_at at time zone ${tz})::date = ${yesterday}::date) as new_yesterday,
      (select count(*)::int from audit_log where action = 'case.release' and (at at time zone ${tz})::date = ${yesterday}::date) as released_yesterday,
      (select count(*)::int from case_alerts where closed_at is null) as open_alerts`);
  // 未采 = not sampled in its window (missed, or still pending from yesterday before the overdue job marked it).
  const tests = await one<{ due_yesterday: number; sampled_yesterday: number; done_yesterday: number; missed_yesterday: number; due_today: number }>(sql`
    select
      count(*) filter (where d.due_date = ${yesterday}::date and d.status <> 'not_done')::int as due_yesterday,
      count(*) filter (where d.due_date = ${yesterday}::date and d.sampled_at is not null)::int as sampled_yesterday,
      count(*) filter (where d.due_date = ${yesterday}::date and d.result is not null)::int as done_yesterday,
      count(*) filter (where d.due_date = ${yesterday}::date and d.status in ('missed', 'pending'))::int as missed_yesterday,
      count(*) filter (where d.due_date = ${date}::date)::int as due_today
    from duties d join cases c on c.id = d.case_id
    where d.kind = 'test' and d.status <> 'cancelled' and d.due_date in (${yesterday}::date, ${date}::date)
      and (c.status = 'active' or d.due_date < ${date}::date)`);
  const results = await one<{ awaiting: number; overdue: number }>(sql`
    select count(*) filter (where ${resultDueAtSql(input.policy)} > ${input.now.toISOString()}::timestamptz)::int as awaiting,
           count(*) filter (where ${resultDueAtSql(input.policy)} <= ${input.now.toISOString()}::timestamptz)::int as overdue
    from duties d join cases c on c.id = d.case_id
    where d.status = 'sampled' and c.status = 'active'`);
  // Cases are first summed per span (first day counted, last day), a few hundred at most, so
  // the 14 days are matched against spans rather than against every case. A case counts until
  // it is released, transferred or closed (past its end date too, until someone releases it).
  const trendStart = addDays(date, -(TREND_DAYS - 1));
  const trend = rowsOf<{ day: string; n: number }>(
    await db.execute(sql`
      with spans as (
        select greatest((c.created_at at time zone ${tz})::date, c.start_date) as first_day,
               coalesce((c.ended_at at time zone ${tz})::date - 1, 'infinity'::date) as last_day, count(*) as n
        from cases c where c.ended_at is null or (c.ended_at at time zone ${tz})::date > ${trendStart}::date
        group by 1, 2)
      select to_char(d, 'YYYY-MM-DD') as day, coalesce(sum(s.n), 0)::int as n
      from generate_series(${trendStart}::date, ${date}::date, interval '1 day') d
      left join spans s on s.first_day <= d and s.last_day >= d
      group by d order by d`),
  );
  const transfers = await one<{ open: number; late: number; handed_over_yesterday: number }>(sql`
    select count(*) filter (where status in ('requested', 'dispatched', 'picked_up'))::int as open,
           count(*) filter (where status in ('requested', 'dispatched', 'picked_up')
                              and requested_at <= ${input.now.toISOString()}::timestamptz - make_interval(secs => ${input.policy.transfers.limitHours * 3600}))::int as late,
           count(*) filter (where status = 'handed_over' and (handed_over_at at time zone ${tz})::date = ${yesterday}::date)::int as handed_over_yesterday
    from transfers`);
  const missedReports = [];
  for (const report of input.policy.reports) {
    const villages = await villagesMissingReport(db, { date: yesterday, report, timeZone: tz });
    missedReports.push({ label: report.label, villages: villages.map((v) => v.name) });
  }
  const table = await villageDayTable(db, { date, live, timeZone: tz });
  return {
    date,
    live,
    asOf: input.now,
    timeZone: tz,
    countsDay: yesterday,
    table,
    active: live ? sum(groups) : (trend.at(-1)?.n ?? 0),
    byCategory,
    byVillage,
    newYesterday: counts.new_yesterday,
    releasedYesterday: counts.released_yesterday,
    testsYesterday: { due: tests.due_yesterday, sampled: tests.sampled_yesterday, done: tests.done_yesterday, missed: tests.missed_yesterday },
    testsToday: tests.due_today,
    results,
    openAlerts: live ? counts.open_alerts : table.reduce((a, r) => a + r.alerts, 0),
    transfers: { open: transfers.open, late: transfers.late, handedOverYesterday: transfers.handed_over_yesterday, limitHours: input.policy.transfers.limitHours },
    releases: await releasesWaiting(db, { today: date, policy: input.policy, perList: SUMMARY_OVERDUE_ROWS }),
    missedReports,
    trend: trend.map((r) => ({ date: r.day, n: r.n })),
  };
}
