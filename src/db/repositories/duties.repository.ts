import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { DutyKind, DutyStatus, PlannedDuty, TestResult } from '../../domain/duties';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { cases, duties } from '../schema';

export interface DutyRow {
  id: number;
  caseId: number;
  villageId: number;
  /** The isolation point whose staff do it; null: the village's people. */
  pointId: number | null;
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
  /** Why a visit found nobody or a roll call got no answer. */
  note: string | null;
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
  pointId: duties.pointId,
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
  note: duties.note,
};
const withCase = { ...dutyColumns, caseNameMasked: cases.nameMasked, caseStatus: cases.status };
export const selectWithCase = (db: Database) => db.select(withCase).from(duties).innerJoin(cases, eq(cases.id, duties.caseId));

export async function insertDuties(
  db: Database,
  input: { caseId: number; villageId: number; pointId?: number | null; planned: PlannedDuty[]; resampleOf?: number; status?: 'pending' | 'not_done' },
): Promise<number[]> {
  if (input.planned.length === 0) return [];
  const rows = await db
    .insert(duties)
    .values(
      input.planned.map((p) => ({
        caseId: input.caseId,
        villageId: input.villageId,
        // A phase at an isolation point is done by its staff, when the case has one (its cards go to the point's group).
        pointId: p.managedAt === 'isolation_point' ? (input.pointId ?? null) : null,
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
    note?: string;
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
      note: input.note,
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
export async function caseTestResults(db: Database, input: { caseId: number; from: IsoDate }): Promise<{ day: number; status: DutyStatus; result: TestResult | null }[]> {
  return db
    .select({ day: duties.day, status: duties.status, result: duties.result })
    .from(duties)
    .where(and(eq(duties.caseId, input.caseId), eq(duties.kind, 'test'), ne(duties.status, 'cancelled'), sql`${duties.dueDate} >= ${input.from}`));
}

/** What a resample, make-up or recheck of this test keeps from it. */
export function answeredTest(d: Pick<DutyRow, 'day' | 'phase' | 'pointId' | 'dueDate'>) {
  return { day: d.day, phase: d.phase, dueDate: d.dueDate, managedAt: d.pointId === null ? ('village' as const) : ('isolation_point' as const) };
}
