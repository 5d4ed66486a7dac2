import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { isUniqueViolation } from '../errors';
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
