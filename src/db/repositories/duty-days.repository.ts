import { and, asc, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { DutyKind } from '../../domain/duties';
import type { Place } from '../../domain/place';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { cases, duties } from '../schema';
import { type DutyWithCase, selectWithCase } from './duties.repository';

/**
 * A day's work by place (a village's own, or an isolation point's): the pages of the day
 * cards, the progress counts and what is overdue. A village's work is its duties not done by
 * a point's staff (point_id is null).
 */
function placeCondition(place: Place): SQL {
  return place.kind === 'village' ? and(eq(duties.villageId, place.id), isNull(duties.pointId))! : eq(duties.pointId, place.id);
}

/** The same, in plain SQL over `d` (duties). */
function placeSql(place: Place): SQL {
  return place.kind === 'village' ? sql`d.village_id = ${place.id} and d.point_id is null` : sql`d.point_id = ${place.id}`;
}

/** Grouping of plain SQL over `d` by place kind: the key column, the name of the place, and which duties belong to that kind. */
function byKindSql(kind: Place['kind']) {
  return kind === 'village'
    ? { key: sql`d.village_id`, name: sql`(select name from villages where id = d.village_id)`, scope: sql`d.point_id is null` }
    : { key: sql`d.point_id`, name: sql`(select name from isolation_points where id = d.point_id)`, scope: sql`d.point_id is not null` };
}

export interface DutyPage {
  rows: DutyWithCase[];
  total: number;
  /** The page shown (clamped to the pages there are), from 0. */
  page: number;
  pages: number;
}

/**
 * One page of a place's card for a day (tests, or one temperature slot), active cases only,
 * with the total: a card shows one page, so only that page is read. A caller that has the
 * total already (the jobs count every place at once with progressByPlace) passes it and it is
 * not counted again.
 */
export async function pagePlaceDuties(
  db: Database,
  input: { place: Place; date: IsoDate; kind: DutyKind; slot?: string; page: number; pageSize: number; total?: number },
): Promise<DutyPage> {
  const where = and(
    placeCondition(input.place),
    eq(duties.dueDate, input.date),
    eq(duties.kind, input.kind),
    input.slot === undefined ? undefined : eq(duties.slot, input.slot),
    ne(duties.status, 'cancelled'),
    eq(cases.status, 'active'),
  );
  const total = input.total ?? (await countDuties(db, where));
  const pages = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const rows = await selectWithCase(db)
    .where(where)
    .orderBy(asc(duties.caseId), asc(duties.id))
    .limit(input.pageSize)
    .offset(page * input.pageSize);
  return { rows, total, page, pages };
}

async function countDuties(db: Database, where: SQL | undefined): Promise<number> {
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(duties)
    .innerJoin(cases, eq(cases.id, duties.caseId))
    .where(where);
  return count?.n ?? 0;
}

export interface PlaceProgress {
  place: Place;
  placeName: string;
  due: number;
  sampled: number;
  results: number;
  open: number;
  missed: number;
}

/** Per village (its own work) or per isolation point, how one kind of duty stands on a day (cancelled ones and closed cases left out). */
export async function progressByPlace(db: Database, input: { by: Place['kind']; date: IsoDate; kind: DutyKind; slot?: string }): Promise<PlaceProgress[]> {
  const slot = input.slot === undefined ? sql`true` : sql`d.slot = ${input.slot}`;
  const g = byKindSql(input.by);
  const rows = rowsOf<{ id: number; name: string; due: number; sampled: number; results: number; open: number; missed: number }>(
    await db.execute(sql`
      select ${g.key} as id, min(${g.name}) as name,
             count(*)::int as due,
             count(d.sampled_at)::int as sampled,
             count(d.result)::int as results,
             count(*) filter (where d.status = 'pending')::int as open,
             count(*) filter (where d.status = 'missed')::int as missed
      from duties d join cases c on c.id = d.case_id
      where d.due_date = ${input.date} and d.kind = ${input.kind} and ${slot} and ${g.scope}
        and d.status <> 'cancelled' and c.status = 'active'
      group by ${g.key}
      order by 2`),
  );
  return rows.map((r) => ({ place: { kind: input.by, id: r.id }, placeName: r.name, due: r.due, sampled: r.sampled, results: r.results, open: r.open, missed: r.missed }));
}

export interface OverdueDuty {
  id: number;
  caseId: number;
  caseNameMasked: string;
  kind: DutyKind;
  day: number;
  slot: string | null;
  windowStart: Date;
  windowEnd: Date;
}

export interface PlaceOverdue {
  total: number;
  /** How many of each kind (test, temp, visit, rollcall). */
  byKind: Partial<Record<DutyKind, number>>;
  first: OverdueDuty[];
}

/**
 * Duties of `date` still pending although their window closed by `now` (active cases; a
 * sampled test waits for its result and is not among them): per village (its own work) or
 * per isolation point, how many of each kind, and the first `perPlace` of them (a card cannot
 * list thousands). The counts are one grouped query; each place's first rows are read off
 * duties_pending_card.
 */
export async function overdueByPlace(
  db: Database,
  input: { by: Place['kind']; date: IsoDate; now: Date; perPlace: number; only?: Place },
): Promise<Map<number, PlaceOverdue>> {
  const g = byKindSql(input.by);
  const only = input.only === undefined ? sql`true` : placeSql(input.only);
  const overdue = sql`d.due_date = ${input.date} and d.status = 'pending' and d.window_end <= ${input.now.toISOString()}::timestamptz and c.status = 'active' and ${g.scope} and ${only}`;
  const rows = rowsOf<{ place_id: number; total: number; by_kind: Record<string, number>; id: number; case_id: number; case_name_masked: string; kind: DutyKind; day: number; slot: string | null; window_start: string | Date; window_end: string | Date }>(
    await db.execute(sql`
      with counts as (
        select ${g.key} as place_id, d.kind, count(*)::int as n
        from duties d join cases c on c.id = d.case_id
        where ${overdue}
        group by 1, 2),
      totals as (
        select place_id, sum(n)::int as total, jsonb_object_agg(kind, n) as by_kind from counts group by place_id)
      select t.place_id, t.total, t.by_kind, f.*
      from totals t cross join lateral (
        select d.id, d.case_id, c.name_masked as case_name_masked, d.kind, d.day, d.slot, d.window_start, d.window_end
        from duties d join cases c on c.id = d.case_id
        where ${g.key} = t.place_id and ${overdue}
        order by d.case_id, d.window_start, d.id
        limit ${input.perPlace}) f
      order by t.place_id, f.case_id, f.window_start, f.id`),
  );
  const byPlace = new Map<number, PlaceOverdue>();
  for (const r of rows) {
    const entry: PlaceOverdue = byPlace.get(r.place_id) ?? { total: r.total, byKind: r.by_kind, first: [] };
    entry.first.push({ id: r.id, caseId: r.case_id, caseNameMasked: r.case_name_masked, kind: r.kind, day: r.day, slot: r.slot, windowStart: new Date(r.window_start), windowEnd: new Date(r.window_end) });
    byPlace.set(r.place_id, entry);
  }
  return byPlace;
}
