import { and, eq, gte, inArray, isNotNull, lt, ne, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { cases, duties } from '../schema';

/** A long list as one parameter: a lab file may name thousands of people. */
const oneOf = (values: readonly (string | number)[], type: 'text' | 'int'): SQL =>
  sql`(select v::${sql.raw(type)} from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) as v)`;

/** Every case, in any state, of the people with these ID hashes (a person may have been managed before). */
export async function casesByIdHash(db: Database, hashes: readonly string[]) {
  if (hashes.length === 0) return [];
  return db
    .select({ id: cases.id, idNumberHash: cases.idNumberHash, nameHash: cases.nameHash, status: cases.status })
    .from(cases)
    .where(inArray(cases.idNumberHash, oneOf(hashes, 'text')));
}

/** Those cases' tests sampled within [from, to), cancelled ones left out. */
export async function sampledTestsOf(db: Database, input: { caseIds: readonly number[]; from: Date; to: Date }) {
  if (input.caseIds.length === 0) return [];
  return db
    .select({ id: duties.id, caseId: duties.caseId, sampledAt: duties.sampledAt, status: duties.status, result: duties.result })
    .from(duties)
    .where(
      and(
        inArray(duties.caseId, oneOf(input.caseIds, 'int')),
        eq(duties.kind, 'test'),
        ne(duties.status, 'cancelled'),
        isNotNull(duties.sampledAt),
        gte(duties.sampledAt, input.from),
        lt(duties.sampledAt, input.to),
      ),
    );
}
