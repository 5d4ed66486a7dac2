import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
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
  /** Sealed 联系人备注 (whose phone it is), or null. */
  contactNoteEnc: string | null;
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
  contactNoteEnc: cases.contactNoteEnc,
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
  Pick<typeof cases.$inferInsert, 'status' | 'category' | 'startDate' | 'endDate' | 'isolationPointId' | 'extensionDays' | 'periodNo' | 'endedAt' | 'endReason' | 'endNote' | 'phoneEnc' | 'contactNoteEnc' | 'addressEnc' | 'addressMasked'>
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

/** Active cases at an isolation point now (the phase-move job looks at each). */
export async function listCasesAtPoints(db: Database): Promise<CaseRecord[]> {
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(eq(cases.status, 'active'), sql`${cases.isolationPointId} is not null`))
    .orderBy(asc(cases.id));
}

export interface CaseByName {
  id: number;
  nameMasked: string;
  villageName: string;
  category: string;
  status: CaseStatus;
}

/**
 * Cases whose normalised name has this keyed hash (cases_name_hash), in the given villages:
 * a lookup by name never decrypts names. Active cases first, then the newest.
 */
export async function findCasesByNameHash(db: Database, input: { nameHash: string; villageIds: number[] | 'all'; limit: number }): Promise<CaseByName[]> {
  if (input.villageIds !== 'all' && input.villageIds.length === 0) return [];
  const inVillages = input.villageIds === 'all' ? undefined : inArray(cases.villageId, input.villageIds);
  return db
    .select({ id: cases.id, nameMasked: cases.nameMasked, villageName: villages.name, category: cases.category, status: cases.status })
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(eq(cases.nameHash, input.nameHash), inVillages))
    .orderBy(sql`${cases.status} = 'active' desc`, desc(cases.id))
    .limit(input.limit);
}
