import { and, eq, sql } from 'drizzle-orm';
import type { IsoDate } from '../../domain/dates';
import type { TestResult } from '../../domain/duties';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
import { rowsOf } from '../rows';
import { cases, villages } from '../schema';

export type CaseStatus = 'active' | 'released' | 'transferred' | 'closed';

export interface CaseRecord {
  id: number;
  villageId: number;
  villageName: string;
  name: string;
  idNumberEnc: string;
  phoneEnc: string;
  birthDate: string;
  sex: 'male' | 'female';
  category: string;
  startDate: string;
  endDate: string;
  address: string | null;
  status: CaseStatus;
  createdAt: Date;
}

export interface NewCase {
  villageId: number;
  name: string;
  idNumberEnc: string;
  idNumberHash: string;
  phoneEnc: string;
  birthDate: string;
  sex: 'male' | 'female';
  category: string;
  startDate: string;
  endDate: string;
  address: string | null;
  registeredBy: string;
  registeredInChat: string;
  createdAt: Date;
}

const caseColumns = {
  id: cases.id,
  villageId: cases.villageId,
  villageName: villages.name,
  name: cases.name,
  idNumberEnc: cases.idNumberEnc,
  phoneEnc: cases.phoneEnc,
  birthDate: cases.birthDate,
  sex: cases.sex,
  category: cases.category,
  startDate: cases.startDate,
  endDate: cases.endDate,
  address: cases.address,
  status: cases.status,
  createdAt: cases.createdAt,
};

export async function getCase(db: Database, id: number): Promise<CaseRecord | null> {
  const [row] = await db.select(caseColumns).from(cases).innerJoin(villages, eq(villages.id, cases.villageId)).where(eq(cases.id, id));
  return row ?? null;
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
  name: string;
  category: string;
  endDate: IsoDate;
  villageId: number;
  villageName: string;
  tests: { day: number; result: TestResult | null }[];
  openAlerts: number;
}

/** Active cases whose period has ended by `date`, with their test results and open alerts. */
export async function casesDueForRelease(db: Database, date: IsoDate): Promise<CaseDueForRelease[]> {
  const rows = rowsOf<{
    id: number;
    name: string;
    category: string;
    end_date: string;
    village_id: number;
    village_name: string;
    tests: { day: number; result: TestResult | null }[] | null;
    open_alerts: number;
  }>(
    await db.execute(sql`
      select c.id, c.name, c.category, to_char(c.end_date, 'YYYY-MM-DD') as end_date, c.village_id, v.name as village_name,
             (select json_agg(json_build_object('day', d.day, 'result', d.result))
                from duties d where d.case_id = c.id and d.kind = 'test' and d.status <> 'cancelled') as tests,
             (select count(*)::int from case_alerts a where a.case_id = c.id and a.closed_at is null) as open_alerts
      from cases c join villages v on v.id = c.village_id
      where c.status = 'active' and c.end_date <= ${date}::date
      order by v.id, c.id`),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    endDate: r.end_date,
    villageId: r.village_id,
    villageName: r.village_name,
    tests: r.tests ?? [],
    openAlerts: r.open_alerts,
  }));
}
