import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { ReleaseFacts } from '../../domain/release';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
import { rowsOf } from '../rows';
import { cases, villages } from '../schema';
import type { SealedPerson } from '../sealed-person';

export type CaseStatus = 'active' | 'released' | 'transferred' | 'closed';

export interface CaseRecord {
  id: number;
  villageId: number;
  villageName: string;
  /** Sealed; decrypt only where the full name may be shown (private view, unmasked export, notices). */
  nameEnc: string;
  nameMasked: string;
  idNumberEnc: string;
  idNumberHash: string;
  phoneEnc: string;
  sex: 'male' | 'female';
  category: string;
  startDate: string;
  endDate: string;
  startBasis: 'departure' | 'arrival' | 'found';
  isolationPointId: number | null;
  addressEnc: string | null;
  addressMasked: string | null;
  status: CaseStatus;
  extensionDays: number;
  periodNo: number;
  endedAt: Date | null;
  endReason: string | null;
  endNote: string | null;
  createdAt: Date;
}

export interface NewCase extends SealedPerson {
  villageId: number;
  idNumberEnc: string;
  idNumberHash: string;
  phoneEnc: string;
  sex: 'male' | 'female';
  category: string;
  startDate: string;
  endDate: string;
  startBasis: 'departure' | 'arrival' | 'found';
  isolationPointId: number | null;
  registeredBy: string;
  registeredInChat: string;
  createdAt: Date;
}

const caseColumns = {
  id: cases.id,
  villageId: cases.villageId,
  villageName: villages.name,
  nameEnc: cases.nameEnc,
  nameMasked: cases.nameMasked,
  idNumberEnc: cases.idNumberEnc,
  idNumberHash: cases.idNumberHash,
  phoneEnc: cases.phoneEnc,
  sex: cases.sex,
  category: cases.category,
  startDate: cases.startDate,
  endDate: cases.endDate,
  startBasis: cases.startBasis,
  isolationPointId: cases.isolationPointId,
  addressEnc: cases.addressEnc,
  addressMasked: cases.addressMasked,
  status: cases.status,
  extensionDays: cases.extensionDays,
  periodNo: cases.periodNo,
  endedAt: cases.endedAt,
  endReason: cases.endReason,
  endNote: cases.endNote,
  createdAt: cases.createdAt,
};

export async function getCase(db: Database, id: number): Promise<CaseRecord | null> {
  const [row] = await db.select(caseColumns).from(cases).innerJoin(villages, eq(villages.id, cases.villageId)).where(eq(cases.id, id));
  return row ?? null;
}

/** The cases with these ids (those that exist), by id. */
export async function getCases(db: Database, ids: readonly number[]): Promise<CaseRecord[]> {
  if (ids.length === 0) return [];
  return db.select(caseColumns).from(cases).innerJoin(villages, eq(villages.id, cases.villageId)).where(inArray(cases.id, [...ids])).orderBy(asc(cases.id));
}

/** The case, locked until the caller's transaction ends: transitions on one case run one at a time. */
export async function lockCase(db: Database, id: number): Promise<CaseRecord | null> {
  await db.execute(sql`select id from cases where id = ${id} for update`);
  return getCase(db, id);
}

export type CaseChange = Partial<
  Pick<typeof cases.$inferInsert, 'status' | 'category' | 'startDate' | 'endDate' | 'isolationPointId' | 'extensionDays' | 'periodNo' | 'endedAt' | 'endReason' | 'endNote' | 'phoneEnc' | 'addressEnc' | 'addressMasked'>
>;

export async function updateCase(db: Database, id: number, change: CaseChange, at: Date): Promise<void> {
  await db.update(cases).set({ ...change, updatedAt: at }).where(eq(cases.id, id));
}

export interface CaseListFilter {
  villageIds: number[] | 'all';
  category: string | null;
  status: CaseStatus | 'all';
  limit: number;
  offset: number;
}

/** One page of cases, soonest end first, and how many match in all. */
export async function listCases(db: Database, filter: CaseListFilter): Promise<{ rows: CaseRecord[]; total: number }> {
  const where = and(
    filter.villageIds === 'all' ? undefined : inArray(cases.villageId, filter.villageIds),
    filter.category ? eq(cases.category, filter.category) : undefined,
    filter.status === 'all' ? undefined : eq(cases.status, filter.status),
  );
  if (filter.villageIds !== 'all' && filter.villageIds.length === 0) return { rows: [], total: 0 };
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
  const rows = await db
    .select(caseColumns)
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(where)
    .orderBy(asc(cases.endDate), asc(cases.id))
    .limit(filter.limit)
    .offset(filter.offset);
  return { rows, total: count?.n ?? 0 };
}

export async function findActiveCaseByIdHash(db: Database, idNumberHash: string): Promise<CaseRecord | null> {
  const [row] = await db
    .select(caseColumns)
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(eq(cases.idNumberHash, idNumberHash), eq(cases.status, 'active')));
  return row ?? null;
}

/**
 * Inserts an active case. Returns `{ duplicateOf }` when the person is already under
 * management — also when a concurrent registration won the race (the partial unique index).
 */
export async function insertCase(db: Database, input: NewCase): Promise<{ id: number } | { duplicateOf: number }> {
  const existing = await findActiveCaseByIdHash(db, input.idNumberHash);
  if (existing) return { duplicateOf: existing.id };
  try {
    // A savepoint: a unique violation must not abort the caller's whole transaction.
    const [row] = await db.transaction((sp) => sp.insert(cases).values(input).returning({ id: cases.id }));
    return { id: row!.id };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await findActiveCaseByIdHash(db, input.idNumberHash);
    if (!winner) throw e;
    return { duplicateOf: winner.id };
  }
}

export interface CaseDueForRelease {
  id: number;
  maskedName: string;
  category: string;
  endDate: IsoDate;
  villageId: number;
  villageName: string;
  facts: ReleaseFacts;
}

/** Cases due for release in one list (a village, or the township): how many of each kind, and the first few. */
export interface ReleaseDueList {
  ready: number;
  held: number;
  /** The first ready cases, then the first held ones, `perList` at most. */
  first: CaseDueForRelease[];
}

/**
 * Per active case whose period has ended by `date`: releaseFacts (src/domain/release.ts) in
 * SQL, so that every case due is judged without being read. A test day counts negative once
 * any of its samples did; categories in `exemptCategories` ask for no negative tests. Only the
 * current period counts (a case back from a transfer starts again: caseTestResults).
 */
function releaseFactsQuery(input: { date: IsoDate; exemptCategories: string[] }) {
  const due = sql`c.status = 'active' and c.end_date <= ${input.date}::date`;
  const exempt = input.exemptCategories.length ? sql`c.category in (${sql.join(input.exemptCategories.map((code) => sql`${code}`), sql`, `)})` : sql`false`;
  return sql`
    with test_days as (
      select d.case_id, d.day, bool_or(d.result = 'positive') as positive, bool_or(d.result = 'negative') as negative
      from duties d join cases c on c.id = d.case_id
      where ${due} and d.kind = 'test' and d.status <> 'cancelled' and d.due_date >= c.start_date
      group by d.case_id, d.day),
    tests as (
      select case_id, coalesce(bool_or(positive), false) as has_positive,
             array_agg(day order by day) filter (where negative is not true) as days_without_negative
      from test_days group by case_id),
    alerts as (
      select case_id, count(*)::int as open_alerts from case_alerts where closed_at is null group by case_id),
    facts as (
      select c.id, c.name_masked, c.category, to_char(c.end_date, 'YYYY-MM-DD') as end_date, c.village_id, v.name as village_name,
             coalesce(t.has_positive, false) as has_positive,
             case when ${exempt} then '{}'::int[] else coalesce(t.days_without_negative, '{}'::int[]) end as days_without_negative,
             coalesce(a.open_alerts, 0) as open_alerts
      from cases c join villages v on v.id = c.village_id
      left join tests t on t.case_id = c.id
      left join alerts a on a.case_id = c.id
      where ${due}),
    judged as (
      select f.*, (f.has_positive or f.open_alerts > 0 or cardinality(f.days_without_negative) > 0) as held from facts f)`;
}

interface ReleaseFactsRow {
  id: number;
  name_masked: string;
  category: string;
  end_date: string;
  village_id: number;
  village_name: string;
  has_positive: boolean;
  days_without_negative: number[];
  open_alerts: number;
}

function caseDueFromRow(r: ReleaseFactsRow): CaseDueForRelease {
  return {
    id: r.id,
    maskedName: r.name_masked,
    category: r.category,
    endDate: r.end_date,
    villageId: r.village_id,
    villageName: r.village_name,
    facts: { hasPositive: r.has_positive, daysWithoutNegative: r.days_without_negative, openAlerts: r.open_alerts },
  };
}

/**
 * Active cases whose period has ended by `date`, per village and for the township: counts of
 * ready and held, and only the first `perList` of each list (ready first, by village and case
 * number), however many are due.
 */
export async function casesDueForRelease(
  db: Database,
  input: { date: IsoDate; exemptCategories: string[]; perList: number },
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

/** Active cases at an isolation point now (the phase-move job looks at each). */
export async function listCasesAtPoints(db: Database): Promise<CaseRecord[]> {
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(eq(cases.status, 'active'), sql`${cases.isolationPointId} is not null`))
    .orderBy(asc(cases.id));
}
