import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { type Correction, listOpenCorrections } from '../db/repositories/corrections.repository';
import { listTeamsOf } from '../db/repositories/teams.repository';
import { listVillages } from '../db/repositories/villages.repository';
import { rowsOf } from '../db/rows';
import { addDays, type IsoDate, zonedDateTimeToInstant } from '../domain/dates';
import { uncheckedByVillage } from '../db/repositories/push-lists.repository';
import type { Policy } from '../domain/policy';
import { displayNames } from './people';
import { villagesMissingReport } from './report-status';

/** What one village (or one responsible person) left undone on the day. */
export interface Lapses {
  visits: number;
  rollcalls: number;
  tests: number;
  resultsOverdue: number;
  lateReports: number;
  /** Rows of lists pushed from above left unchecked at a deadline that fell on the day (漏核查). */
  unchecked: number;
  /** Transfers whose hand-over limit ("8小时内", 001 篇二 §26) ran out on the day before the hand-over. */
  lateTransfers: number;
}

export interface SupervisionReport {
  date: IsoDate;
  villages: ({ villageId: number; name: string } & Lapses)[];
  /** Missed visits and roll calls by the team member whose work they were (policy team.work); unassigned under ''. */
  people: { openId: string; name: string; villageName: string; visits: number; rollcalls: number }[];
  /** The 7 days to `date`: missed visits, roll calls and unsampled tests each day. */
  trend: { date: IsoDate; missed: number }[];
  openCorrections: Correction[];
}

const none = (): Lapses => ({ visits: 0, rollcalls: 0, tests: 0, resultsOverdue: 0, lateReports: 0, unchecked: 0, lateTransfers: 0 });
const total = (l: Lapses) => l.visits + l.rollcalls + l.tests + l.resultsOverdue + l.lateReports + l.unchecked + l.lateTransfers;

/**
 * The 督导通报 for `date` (yesterday, when the job runs in the morning): per village and per
 * responsible person, the visits, roll calls and tests left undone that day (still pending
 * counts: the overdue job marks yesterday's missed only at its next run), the results now
 * overdue, the reports not filed in time, the rows of pushed lists left unchecked at that day's
 * deadline (漏核查), the transfers not handed over within the limit; a 7-day trend; the
 * corrections still open.
 */
export async function supervisionReport(db: Database, input: { date: IsoDate; now: Date; policy: Policy; timeZone: string }): Promise<SupervisionReport> {
  const from = addDays(input.date, -6);
  const missed = rowsOf<{ day: string; village_id: number; kind: 'visit' | 'rollcall' | 'test'; case_id: number }>(
    await db.execute(sql`
      select to_char(d.due_date, 'YYYY-MM-DD') as day, d.village_id, d.kind, d.case_id
      from duties d
      where d.due_date between ${from}::date and ${input.date}::date and d.point_id is null
        and d.kind in ('visit', 'rollcall', 'test') and d.status in ('missed', 'pending') and d.sampled_at is null`),
  );
  const overdueResults = rowsOf<{ village_id: number; n: number }>(
    await db.execute(sql`select village_id, count(*)::int as n from duties where kind = 'test' and result is null and result_overdue_at is not null and status = 'sampled' group by 1`),
  );
  const byVillage = new Map<number, Lapses>();
  const lapses = (id: number) => byVillage.get(id) ?? byVillage.set(id, none()).get(id)!;
  const onDay = missed.filter((m) => m.day === input.date);
  for (const m of onDay) lapses(m.village_id)[m.kind === 'visit' ? 'visits' : m.kind === 'rollcall' ? 'rollcalls' : 'tests']++;
  for (const r of overdueResults) lapses(r.village_id).resultsOverdue += r.n;
  for (const report of input.policy.reports) {
    for (const v of await villagesMissingReport(db, { date: input.date, report, timeZone: input.timeZone })) lapses(v.id).lateReports++;
  }
  // A deadline of "24:00" is the next day's first instant: it still belongs to the day.
  const dayStart = zonedDateTimeToInstant(input.date, '00:00', input.timeZone);
  for (const u of await uncheckedByVillage(db, { from: dayStart, to: zonedDateTimeToInstant(addDays(input.date, 1), '00:00', input.timeZone) })) {
    if (u.villageId !== null) lapses(u.villageId).unchecked += u.n;
  }
  const dayEnd = zonedDateTimeToInstant(addDays(input.date, 1), '00:00', input.timeZone);
  const limit = sql`make_interval(secs => ${input.policy.transfers.limitHours}::float8 * 3600)`;
  const late = rowsOf<{ village_id: number; n: number }>(
    await db.execute(sql`
      select c.village_id, count(*)::int as n from transfers t join cases c on c.id = t.case_id
      where t.status <> 'cancelled' and t.requested_at + ${limit} > ${dayStart.toISOString()}::timestamptz and t.requested_at + ${limit} <= ${dayEnd.toISOString()}::timestamptz
        and (t.handed_over_at is null or t.handed_over_at > t.requested_at + ${limit})
      group by 1`),
  );
  for (const l of late) lapses(l.village_id).lateTransfers += l.n;
  const villages = (await listVillages(db)).map((v) => ({ villageId: v.id, name: v.name, ...(byVillage.get(v.id) ?? none()) })).filter((v) => total(v) > 0);
  return {
    date: input.date,
    villages,
    people: await responsible(db, { missed: onDay, policy: input.policy, villageNames: new Map(villages.map((v) => [v.villageId, v.name])) }),
    trend: Array.from({ length: 7 }, (_, i) => addDays(from, i)).map((date) => ({ date, missed: missed.filter((m) => m.day === date).length })),
    openCorrections: await listOpenCorrections(db),
  };
}

async function responsible(
  db: Database,
  input: { missed: { village_id: number; kind: string; case_id: number }[]; policy: Policy; villageNames: Map<number, string> },
): Promise<SupervisionReport['people']> {
  const work = input.missed.filter((m): m is typeof m & { kind: 'visit' | 'rollcall' } => m.kind === 'visit' || m.kind === 'rollcall');
  const teams = await listTeamsOf(db, [...new Set(work.map((m) => m.case_id))]);
  const people = new Map<string, { openId: string; villageName: string; visits: number; rollcalls: number }>();
  for (const m of work) {
    const part = input.policy.team.work[m.kind];
    const members = (teams.get(m.case_id) ?? []).filter((t) => t.part === part).map((t) => t.openId);
    for (const openId of members.length ? members : ['']) {
      const key = `${openId}|${m.village_id}`;
      const p = people.get(key) ?? people.set(key, { openId, villageName: input.villageNames.get(m.village_id) ?? '', visits: 0, rollcalls: 0 }).get(key)!;
      p[m.kind === 'visit' ? 'visits' : 'rollcalls']++;
    }
  }
  const names = await displayNames(db, [...people.values()].map((p) => p.openId).filter(Boolean));
  return [...people.values()].map((p) => ({ ...p, name: p.openId ? names.get(p.openId)! : '' })).sort((a, b) => b.visits + b.rollcalls - (a.visits + a.rollcalls));
}
