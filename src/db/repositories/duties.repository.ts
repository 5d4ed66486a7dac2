import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { DutyKind, PlannedDuty, TestResult } from '../../domain/duties';
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
  status: 'pending' | 'done' | 'abnormal' | 'missed' | 'cancelled';
  sampledAt: Date | null;
  sampledBy: string | null;
  result: TestResult | null;
  temperature: number | null;
  symptoms: string[] | null;
  completedAt: Date | null;
  resampleOf: number | null;
}

/** A duty with what a card row shows of its case. */
export interface DutyWithCase extends DutyRow {
  caseName: string;
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
};
const withCase = { ...dutyColumns, caseName: cases.name, caseStatus: cases.status };
const selectWithCase = (db: Database) => db.select(withCase).from(duties).innerJoin(cases, eq(cases.id, duties.caseId));

export async function insertDuties(
  db: Database,
  input: { caseId: number; villageId: number; planned: PlannedDuty[]; resampleOf?: number },
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
      })),
    )
    .returning({ id: duties.id });
  return rows.map((r) => r.id);
}

/** The rows of one village's card for a day (tests, or one temperature slot), active cases only. */
export async function listVillageDuties(
  db: Database,
  input: { villageId: number; date: IsoDate; kind: DutyKind; slot?: string },
): Promise<DutyWithCase[]> {
  return selectWithCase(db)
    .where(
      and(
        eq(duties.villageId, input.villageId),
        eq(duties.dueDate, input.date),
        eq(duties.kind, input.kind),
        input.slot === undefined ? undefined : eq(duties.slot, input.slot),
        ne(duties.status, 'cancelled'),
        eq(cases.status, 'active'),
      ),
    )
    .orderBy(asc(duties.caseId), asc(duties.id));
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
  await db.update(duties).set({ sampledAt: at, sampledBy: by }).where(eq(duties.id, id));
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

/** Duties of `date` still pending although their window closed by `now`, active cases only. */
export async function listOverdueDuties(db: Database, input: { date: IsoDate; now: Date }): Promise<DutyWithCase[]> {
  return selectWithCase(db)
    .where(
      and(
        eq(duties.dueDate, input.date),
        eq(duties.status, 'pending'),
        sql`${duties.windowEnd} <= ${input.now.toISOString()}::timestamptz`,
        eq(cases.status, 'active'),
      ),
    )
    .orderBy(asc(duties.villageId), asc(duties.caseId), asc(duties.windowStart));
}

/** The end of a day: what is still pending from before `date` is missed. Returns how many, per village. */
export async function markMissedBefore(db: Database, date: IsoDate): Promise<Map<number, number>> {
  const rows = await db
    .update(duties)
    .set({ status: 'missed' })
    .where(and(eq(duties.status, 'pending'), sql`${duties.dueDate} < ${date}`))
    .returning({ villageId: duties.villageId });
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.villageId, (counts.get(r.villageId) ?? 0) + 1);
  return counts;
}
