import { and, asc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { DutyKind, DutyStatus, PlannedDuty, TestResult } from '../../domain/duties';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { cases, duties } from '../schema';

export interface DutyRow {
  id: number;
  caseId: number;
  villageId: number;
  kind: DutyKind;
  day: number;
  dueDate: IsoDate;
  slot: string | null;
  phase: string;
  windowStart: Date;
  windowEnd: Date;
  status: DutyStatus;
  sampledAt: Date | null;
  sampledBy: string | null;
  result: TestResult | null;
  temperature: number | null;
  symptoms: string[] | null;
  completedAt: Date | null;
  resampleOf: number | null;
  resultOverdueAt: Date | null;
}

/** A duty with what a card row shows of its case. */
export interface DutyWithCase extends DutyRow {
  caseNameMasked: string;
  caseStatus: 'active' | 'released' | 'transferred' | 'closed';
}

const dutyColumns = {
  id: duties.id,
  caseId: duties.caseId,
  villageId: duties.villageId,
  kind: duties.kind,
  day: duties.day,
  dueDate: duties.dueDate,
  slot: duties.slot,
  phase: duties.phase,
  windowStart: duties.windowStart,
  windowEnd: duties.windowEnd,
  status: duties.status,
  sampledAt: duties.sampledAt,
  sampledBy: duties.sampledBy,
  result: duties.result,
  temperature: duties.temperature,
  symptoms: duties.symptoms,
  completedAt: duties.completedAt,
  resampleOf: duties.resampleOf,
  resultOverdueAt: duties.resultOverdueAt,
};
const withCase = { ...dutyColumns, caseNameMasked: cases.nameMasked, caseStatus: cases.status };
const selectWithCase = (db: Database) => db.select(withCase).from(duties).innerJoin(cases, eq(cases.id, duties.caseId));

export async function insertDuties(
  db: Database,
  input: { caseId: number; villageId: number; planned: PlannedDuty[]; resampleOf?: number; status?: 'pending' | 'not_done' },
): Promise<number[]> {
  if (input.planned.length === 0) return [];
  const rows = await db
    .insert(duties)
    .values(
      input.planned.map((p) => ({
        caseId: input.caseId,
        villageId: input.villageId,
        kind: p.kind,
        day: p.day,
        dueDate: p.dueDate,
        slot: p.slot,
        phase: p.phase,
        windowStart: p.windowStart,
        windowEnd: p.windowEnd,
        resampleOf: input.resampleOf ?? null,
        status: input.status ?? 'pending',
      })),
    )
    .returning({ id: duties.id });
  return rows.map((r) => r.id);
}

export interface DutyPage {
  rows: DutyWithCase[];
  total: number;
  /** The page shown (clamped to the pages there are), from 0. */
  page: number;
  pages: number;
}

/**
 * One page of a village's card for a day (tests, or one temperature slot), active cases
 * only, with the total: a card shows one page, so only that page is read. A caller that has
 * the total already (the jobs count every village at once with progressByVillage) passes it
 * and it is not counted again.
 */
export async function pageVillageDuties(
  db: Database,
  input: { villageId: number; date: IsoDate; kind: DutyKind; slot?: string; page: number; pageSize: number; total?: number },
): Promise<DutyPage> {
  const where = and(
    eq(duties.villageId, input.villageId),
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

/** Locks a duty for a change, with its case's state (a press on a stale card must see it). */
export async function lockDuty(db: Database, id: number): Promise<DutyWithCase | null> {
  const locked = rowsOf<{ id: number }>(await db.execute(sql`select id from duties where id = ${id} for update`));
  if (locked.length === 0) return null;
  const [row] = await selectWithCase(db).where(eq(duties.id, id));
  return row ?? null;
}

export async function findCaseDuty(
  db: Database,
  input: { caseId: number; date: IsoDate; kind: DutyKind; slot?: string },
): Promise<DutyRow[]> {
  return db
    .select(dutyColumns)
    .from(duties)
    .where(
      and(
        eq(duties.caseId, input.caseId),
        eq(duties.dueDate, input.date),
        eq(duties.kind, input.kind),
        input.slot === undefined ? undefined : eq(duties.slot, input.slot),
        ne(duties.status, 'cancelled'),
      ),
    )
    .orderBy(asc(duties.id));
}

export async function markSampled(db: Database, id: number, by: string, at: Date): Promise<void> {
  await db.update(duties).set({ status: 'sampled', sampledAt: at, sampledBy: by }).where(eq(duties.id, id));
}

export async function markDutyStatus(db: Database, id: number, status: DutyStatus): Promise<void> {
  await db.update(duties).set({ status }).where(eq(duties.id, id));
}

export async function completeDuty(
  db: Database,
  id: number,
  input: {
    status: 'done' | 'abnormal';
    by: string;
    at: Date;
    result?: TestResult;
    temperature?: number;
    symptoms?: string[];
  },
): Promise<void> {
  await db
    .update(duties)
    .set({
      status: input.status,
      completedBy: input.by,
      completedAt: input.at,
      result: input.result,
      temperature: input.temperature,
      symptoms: input.symptoms,
    })
    .where(eq(duties.id, id));
}

/** Stops a case's routine work from `fromDate` on (a positive result, or the end of management). */
export async function cancelPendingDuties(db: Database, caseId: number, fromDate: IsoDate): Promise<number> {
  const rows = await db
    .update(duties)
    .set({ status: 'cancelled' })
    .where(and(eq(duties.caseId, caseId), eq(duties.status, 'pending'), sql`${duties.dueDate} >= ${fromDate}`))
    .returning({ id: duties.id });
  return rows.length;
}

/** A case's tests from `from` on (the current period), cancelled ones left out, in order of due date. */
export async function listCaseTests(db: Database, input: { caseId: number; from: IsoDate }): Promise<DutyRow[]> {
  return db
    .select(dutyColumns)
    .from(duties)
    .where(and(eq(duties.caseId, input.caseId), eq(duties.kind, 'test'), ne(duties.status, 'cancelled'), sql`${duties.dueDate} >= ${input.from}`))
    .orderBy(asc(duties.dueDate), asc(duties.id));
}

export async function listCaseDuties(db: Database, caseId: number): Promise<DutyRow[]> {
  return db.select(dutyColumns).from(duties).where(eq(duties.caseId, caseId)).orderBy(asc(duties.dueDate), asc(duties.id));
}

export async function getDutiesByIds(db: Database, ids: number[]): Promise<DutyWithCase[]> {
  if (ids.length === 0) return [];
  return selectWithCase(db).where(inArray(duties.id, ids));
}

export interface VillageProgress {
  villageId: number;
  villageName: string;
  due: number;
  sampled: number;
  results: number;
  open: number;
  missed: number;
}

/** Per village, how one kind of duty stands on a day (cancelled ones and closed cases left out). */
export async function progressByVillage(db: Database, input: { date: IsoDate; kind: DutyKind; slot?: string }): Promise<VillageProgress[]> {
  const slot = input.slot === undefined ? sql`true` : sql`d.slot = ${input.slot}`;
  const rows = rowsOf<{ village_id: number; village_name: string; due: number; sampled: number; results: number; open: number; missed: number }>(
    await db.execute(sql`
      select d.village_id, v.name as village_name,
             count(*)::int as due,
             count(d.sampled_at)::int as sampled,
             count(d.result)::int as results,
             count(*) filter (where d.status = 'pending')::int as open,
             count(*) filter (where d.status = 'missed')::int as missed
      from duties d join cases c on c.id = d.case_id join villages v on v.id = d.village_id
      where d.due_date = ${input.date} and d.kind = ${input.kind} and ${slot}
        and d.status <> 'cancelled' and c.status = 'active'
      group by d.village_id, v.name
      order by v.name`),
  );
  return rows.map((r) => ({ villageId: r.village_id, villageName: r.village_name, due: r.due, sampled: r.sampled, results: r.results, open: r.open, missed: r.missed }));
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

export interface VillageOverdue {
  total: number;
  /** How many of each kind (test, temp, visit, rollcall). */
  byKind: Partial<Record<DutyKind, number>>;
  first: OverdueDuty[];
}

/**
 * Duties of `date` still pending although their window closed by `now` (active cases; a
 * sampled test waits for its result and is not among them): per village, how many of each
 * kind, and the first `perVillage` of them (a card cannot list thousands). The counts are one
 * grouped query; each village's first rows are read off duties_pending_card.
 */
export async function overdueByVillage(
  db: Database,
  input: { date: IsoDate; now: Date; perVillage: number; villageId?: number },
): Promise<Map<number, VillageOverdue>> {
  const village = input.villageId === undefined ? sql`true` : sql`d.village_id = ${input.villageId}`;
  const overdue = sql`d.due_date = ${input.date} and d.status = 'pending' and d.window_end <= ${input.now.toISOString()}::timestamptz and c.status = 'active' and ${village}`;
  const rows = rowsOf<{ village_id: number; total: number; by_kind: Record<string, number>; id: number; case_id: number; case_name_masked: string; kind: DutyKind; day: number; slot: string | null; window_start: string | Date; window_end: string | Date }>(
    await db.execute(sql`
      with counts as (
        select d.village_id, d.kind, count(*)::int as n
        from duties d join cases c on c.id = d.case_id
        where ${overdue}
        group by d.village_id, d.kind),
      totals as (
        select village_id, sum(n)::int as total, jsonb_object_agg(kind, n) as by_kind from counts group by village_id)
      select t.village_id, t.total, t.by_kind, f.*
      from totals t cross join lateral (
        select d.id, d.case_id, c.name_masked as case_name_masked, d.kind, d.day, d.slot, d.window_start, d.window_end
        from duties d join cases c on c.id = d.case_id
        where d.village_id = t.village_id and ${overdue}
        order by d.case_id, d.window_start, d.id
        limit ${input.perVillage}) f
      order by t.village_id, f.case_id, f.window_start, f.id`),
  );
  const byVillage = new Map<number, VillageOverdue>();
  for (const r of rows) {
    const entry: VillageOverdue = byVillage.get(r.village_id) ?? { total: r.total, byKind: r.by_kind, first: [] };
    entry.first.push({ id: r.id, caseId: r.case_id, caseNameMasked: r.case_name_masked, kind: r.kind, day: r.day, slot: r.slot, windowStart: new Date(r.window_start), windowEnd: new Date(r.window_end) });
    byVillage.set(r.village_id, entry);
  }
  return byVillage;
}

/** The end of a day: what is still pending from before `date` is missed. Returns how many, per village. */
export async function markMissedBefore(db: Database, date: IsoDate): Promise<Map<number, number>> {
  const rows = rowsOf<{ village_id: number; n: number }>(
    await db.execute(sql`
      with missed as (
        update duties set status = 'missed' where status = 'pending' and due_date < ${date} returning village_id
      )
      select village_id, count(*)::int as n from missed group by village_id`),
  );
  return new Map(rows.map((r) => [r.village_id, r.n]));
}

/** Cancels the given pending duties (a replan after a change of category, an extension, a return). */
export async function cancelDuties(db: Database, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.update(duties).set({ status: 'cancelled' }).where(and(inArray(duties.id, ids), eq(duties.status, 'pending')));
}

/**
 * The test results a release is judged on: every test duty of the current period (due from its
 * start date; a returned case's earlier period does not count) not cancelled, resamples included.
 */
export async function caseTestResults(db: Database, input: { caseId: number; from: IsoDate }): Promise<{ day: number; result: TestResult | null }[]> {
  return db
    .select({ day: duties.day, result: duties.result })
    .from(duties)
    .where(and(eq(duties.caseId, input.caseId), eq(duties.kind, 'test'), ne(duties.status, 'cancelled'), sql`${duties.dueDate} >= ${input.from}`));
}
