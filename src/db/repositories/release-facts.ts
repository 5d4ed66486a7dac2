import { sql } from 'drizzle-orm';
import { addDays, type IsoDate } from '../../domain/dates';
import type { ReleaseFacts, ReleaseRule } from '../../domain/release';
import type { Database } from '../client';
import { rowsOf } from '../rows';

/** A category's release rule as the SQL reads it; `rule` null for a ledger category (never released). */
export interface CategoryRule {
  code: string;
  rule: ReleaseRule | null;
}

export interface CaseDueForRelease {
  id: number;
  maskedName: string;
  category: string;
  endDate: IsoDate;
  /** The first day its rule lets it go (`after`). */
  releasableFrom: IsoDate;
  villageId: number;
  villageName: string;
  facts: ReleaseFacts;
  /** A village's release request waits for HQ's decision. */
  requested: boolean;
}

/** The category rules as a table the SQL joins: code, needs, days after the end, whether a ledger entry. */
function rulesTable(rules: CategoryRule[]) {
  return sql.join(
    rules.map((r) => sql`(${r.code}::text, ${r.rule?.needs ?? null}::text, ${r.rule?.after === 'day_after_period_end' ? 1 : 0}::int, ${r.rule === null}::boolean)`),
    sql`, `,
  );
}

/**
 * Active cases releasable by `date` under their category's rule (releasableFrom), as the CTE
 * `ruled`; ledger categories never come up, a category the policy lacks is judged strictly
 * (every test day negative, on its last day). `after` only ever adds days, so the end date
 * alone already bounds the scan. Not materialized: each read is planned with the predicate, so
 * duties are reached through their index as before (materialized, release-due took 30 % longer).
 */
function ruledCases(input: { date: IsoDate; rules: CategoryRule[] }) {
  return sql`
    with rules(code, needs, after_days, ledger) as (values ${rulesTable(input.rules)}),
    ruled as not materialized (
      select c.id, c.start_date, coalesce(r.needs, 'all_negative') as needs, c.end_date + coalesce(r.after_days, 0) as releasable_on
      from cases c left join rules r on r.code = c.category
      where c.status = 'active' and c.end_date <= ${input.date}::date and not coalesce(r.ledger, false)
        and c.end_date + coalesce(r.after_days, 0) <= ${input.date}::date)`;
}

/**
 * Per case of ruledCases: releaseFacts (src/domain/release.ts) in SQL, so every case is judged
 * without being read. The tests of the current period are those due from its start date (a case
 * back from a transfer starts again), cancelled ones left out; a day has a negative once any of
 * its samples did; `final_negative` asks the last test day, `all_negative` every one.
 */
function releaseFactsQuery(input: { date: IsoDate; rules: CategoryRule[] }) {
  const asked = (days: 'awaiting_days' | 'missing_days') => {
    const list = sql`t.${sql.identifier(days)}`;
    return sql`case r.needs when 'all_negative' then coalesce(${list}, '{}'::int[])
                          when 'final_negative' then case when t.last_day = any(${list}) then array[t.last_day] else '{}'::int[] end
                          else '{}'::int[] end`;
  };
  return sql`
    ${ruledCases(input)},
    test_days as (
      select d.case_id, d.day, bool_or(d.result = 'positive') as positive, bool_or(d.result = 'negative') is true as negative,
             bool_or(d.status = 'sampled') as awaiting
      from duties d join ruled c on c.id = d.case_id
      where d.kind = 'test' and d.status <> 'cancelled' and d.due_date >= c.start_date
      group by d.case_id, d.day),
    tests as (
      select case_id, bool_or(positive) as has_positive, max(day) as last_day,
             array_agg(day order by day) filter (where not negative and awaiting) as awaiting_days,
             array_agg(day order by day) filter (where not negative and not awaiting) as missing_days
      from test_days group by case_id),
    alerts as (
      select case_id, count(*)::int as open_alerts from case_alerts where closed_at is null group by case_id),
    facts as (
      select c.id, c.name_masked, c.category, to_char(c.end_date, 'YYYY-MM-DD') as end_date, to_char(r.releasable_on, 'YYYY-MM-DD') as releasable_from, r.releasable_on,
             c.village_id, v.name as village_name,
             coalesce(t.has_positive, false) as has_positive,
             ${asked('awaiting_days')} as days_awaiting_result,
             ${asked('missing_days')} as days_without_negative,
             coalesce(a.open_alerts, 0) as open_alerts,
             exists (select 1 from release_requests q where q.case_id = c.id and q.status = 'pending') as requested
      from ruled r join cases c on c.id = r.id join villages v on v.id = c.village_id
      left join tests t on t.case_id = c.id
      left join alerts a on a.case_id = c.id),
    judged as (
      select f.*, (f.has_positive or f.open_alerts > 0 or cardinality(f.days_awaiting_result) > 0 or cardinality(f.days_without_negative) > 0) as held
      from facts f)`;
}

interface ReleaseFactsRow {
  id: number;
  name_masked: string;
  category: string;
  end_date: string;
  releasable_from: string;
  village_id: number;
  village_name: string;
  has_positive: boolean;
  days_awaiting_result: number[];
  days_without_negative: number[];
  open_alerts: number;
  requested: boolean;
}

function caseDueFromRow(r: ReleaseFactsRow): CaseDueForRelease {
  return {
    id: r.id,
    maskedName: r.name_masked,
    category: r.category,
    endDate: r.end_date,
    releasableFrom: r.releasable_from,
    villageId: r.village_id,
    villageName: r.village_name,
    facts: { hasPositive: r.has_positive, openAlerts: r.open_alerts, daysAwaitingResult: r.days_awaiting_result, daysWithoutNegative: r.days_without_negative },
    requested: r.requested,
  };
}

/** Cases due for release in one list (a village, or the township): how many of each kind, and the first few. */
export interface ReleaseDueList {
  ready: number;
  held: number;
  /** The first ready cases, then the first held ones, `perList` at most. */
  first: CaseDueForRelease[];
}

/**
 * Active cases releasable by `date`, per village and for the township: counts of ready and held,
 * and only the first `perList` of each list (ready first, by village and case number), however
 * many are due.
 */
export async function casesDueForRelease(
  db: Database,
  input: { date: IsoDate; rules: CategoryRule[]; perList: number },
): Promise<{ township: ReleaseDueList; byVillage: Map<number, ReleaseDueList> }> {
  const rows = rowsOf<ReleaseFactsRow & { held: boolean; village_ready: number; village_held: number; village_rank: number; township_rank: number }>(
    await db.execute(sql`
      ${releaseFactsQuery(input)}
      select * from (
        select j.*,
               (count(*) filter (where not held) over village)::int as village_ready,
               (count(*) filter (where held) over village)::int as village_held,
               (row_number() over (partition by village_id order by held, id))::int as village_rank,
               (row_number() over (order by held, village_id, id))::int as township_rank
        from judged j
        window village as (partition by village_id)
      ) ranked
      where village_rank <= ${input.perList} or township_rank <= ${input.perList}
      order by village_id, held, id`),
  );
  const township: ReleaseDueList = { ready: 0, held: 0, first: [] };
  const byVillage = new Map<number, ReleaseDueList>();
  for (const r of rows) {
    let village = byVillage.get(r.village_id);
    if (!village) {
      village = { ready: r.village_ready, held: r.village_held, first: [] };
      byVillage.set(r.village_id, village);
      township.ready += r.village_ready;
      township.held += r.village_held;
    }
    if (r.village_rank <= input.perList) village.first.push(caseDueFromRow(r));
  }
  township.first = rows
    .filter((r) => r.township_rank <= input.perList)
    .sort((a, b) => a.township_rank - b.township_rank)
    .map(caseDueFromRow);
  return { township, byVillage };
}

/** Why overdue releases wait, as counts: a case held for several reasons counts under each. */
export interface OverdueReasons {
  positive: number;
  openAlert: number;
  awaitingResult: number;
  noNegative: number;
  /** Nothing holds it and a village's request waits for HQ. */
  requested: number;
  /** Nothing holds it and nobody has asked. */
  unclaimed: number;
}

export interface ReleaseBacklog {
  dueToday: number;
  dueTomorrow: number;
  overdue: { total: number; reasons: OverdueReasons; first: CaseDueForRelease[] };
}

/**
 * HQ's view of what waits: cases releasable today and tomorrow, and those releasable before
 * today but still active (overdue), with why, the longest waiting first (`perList` of them).
 */
export async function releaseBacklog(db: Database, input: { today: IsoDate; rules: CategoryRule[]; perList: number }): Promise<ReleaseBacklog> {
  const tomorrow = addDays(input.today, 1);
  // Due today and tomorrow are only counted; only the overdue ones (releasable by yesterday) are judged.
  const [due] = rowsOf<{ today: number; tomorrow: number }>(
    await db.execute(sql`
      ${ruledCases({ date: tomorrow, rules: input.rules })}
      select count(*) filter (where releasable_on = ${input.today}::date)::int as today,
             count(*) filter (where releasable_on = ${tomorrow}::date)::int as tomorrow
      from ruled`),
  );
  type Counts = Record<'overdue' | 'n_positive' | 'n_open_alert' | 'n_awaiting_result' | 'n_no_negative' | 'n_requested' | 'n_unclaimed', number>;
  // One statement for the reasons and the longest waiting: the facts are judged once (a CTE read twice is computed once).
  const rows = rowsOf<Partial<ReleaseFactsRow> & Counts>(
    await db.execute(sql`
      ${releaseFactsQuery({ date: addDays(input.today, -1), rules: input.rules })},
      counts as (
        select count(*)::int as overdue,
               count(*) filter (where has_positive)::int as n_positive,
               count(*) filter (where open_alerts > 0)::int as n_open_alert,
               count(*) filter (where cardinality(days_awaiting_result) > 0)::int as n_awaiting_result,
               count(*) filter (where cardinality(days_without_negative) > 0)::int as n_no_negative,
               count(*) filter (where not held and requested)::int as n_requested,
               count(*) filter (where not held and not requested)::int as n_unclaimed
        from judged),
      longest as (select * from judged order by releasable_on, id limit ${input.perList})
      select * from counts left join longest on true order by longest.releasable_on, longest.id`),
  );
  const c = rows[0]!;
  return {
    dueToday: due!.today,
    dueTomorrow: due!.tomorrow,
    overdue: {
      total: c.overdue,
      reasons: {
        positive: c.n_positive,
        openAlert: c.n_open_alert,
        awaitingResult: c.n_awaiting_result,
        noNegative: c.n_no_negative,
        requested: c.n_requested,
        unclaimed: c.n_unclaimed,
      },
      first: rows.filter((r) => r.id != null).map((r) => caseDueFromRow(r as ReleaseFactsRow)),
    },
  };
}
