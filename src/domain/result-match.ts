import type { IsoDate } from './dates';
import type { DutyStatus, TestResult } from './duties';
import type { CaseStatus } from './lifecycle';

/** A case found by a row's ID number, and whether the row's name is the one registered. */
export interface CaseForMatch {
  id: number;
  status: CaseStatus;
  nameMatches: boolean;
}

/** A test of the case that was sampled, with the day of its sample in the township's zone. */
export interface SampledTest {
  id: number;
  caseId: number;
  sampledOn: IsoDate;
  sampledAt: Date;
  status: DutyStatus;
  result: TestResult | null;
}

/** Why a row of a lab file is not entered. */
export type UnmatchedReason =
  | { code: 'not_managed' }
  | { code: 'name_differs'; caseId: number }
  | { code: 'case_ended'; caseId: number; status: Exclude<CaseStatus, 'active'> }
  | { code: 'no_sampled_test'; caseId: number; sampledOn: IsoDate }
  /** A different result is recorded; `meanwhile`: it was recorded after the preview. */
  | { code: 'conflict'; caseId: number; recorded: TestResult; inFile: TestResult; meanwhile: boolean };

export type RowMatch =
  | { kind: 'match'; caseId: number; dutyId: number }
  /** The same result is recorded already: counted, not entered again. */
  | { kind: 'recorded'; caseId: number }
  | { kind: 'unmatched'; reason: UnmatchedReason };

/**
 * A lab row (one person's sample of one day, with its result) against what is recorded: the
 * person's case (the active one, else the latest) and that case's tests sampled that day. A
 * test waiting for its result matches; a result recorded already is never overwritten.
 */
export function matchResultRow(
  row: { sampledOn: IsoDate; result: TestResult },
  cases: readonly CaseForMatch[],
  tests: readonly SampledTest[],
): RowMatch {
  const found = cases.find((c) => c.status === 'active') ?? [...cases].sort((a, b) => b.id - a.id)[0];
  if (!found) return { kind: 'unmatched', reason: { code: 'not_managed' } };
  const caseId = found.id;
  // An ID typed wrong by the lab can be someone else's: a result goes only to the person named.
  if (!found.nameMatches) return { kind: 'unmatched', reason: { code: 'name_differs', caseId } };
  const thatDay = tests
    .filter((t) => t.caseId === caseId && t.sampledOn === row.sampledOn && t.status !== 'cancelled')
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime());
  if (thatDay.some((t) => t.result === row.result)) return { kind: 'recorded', caseId };
  if (found.status !== 'active') return { kind: 'unmatched', reason: { code: 'case_ended', caseId, status: found.status } };
  const awaiting = thatDay.find((t) => t.status === 'sampled' && t.result === null);
  if (awaiting) return { kind: 'match', caseId, dutyId: awaiting.id };
  const recorded = thatDay.filter((t) => t.result !== null).at(-1)?.result;
  if (recorded) return { kind: 'unmatched', reason: { code: 'conflict', caseId, recorded, inFile: row.result, meanwhile: false } };
  return { kind: 'unmatched', reason: { code: 'no_sampled_test', caseId, sampledOn: row.sampledOn } };
}

/**
 * At 录入, a matched test as it stands now (someone may have pressed a result button since
 * the preview, or the case may have ended): enter the row, count it as recorded, or set it
 * apart.
 */
export function recheckMatch<T extends { caseStatus: CaseStatus; status: DutyStatus; result: TestResult | null }>(
  row: { caseId: number; sampledOn: IsoDate; result: TestResult },
  test: T | null,
): { kind: 'apply'; test: T } | { kind: 'recorded' } | { kind: 'unmatched'; reason: UnmatchedReason } {
  const { caseId } = row;
  if (test?.result === row.result) return { kind: 'recorded' };
  if (test && test.caseStatus !== 'active') return { kind: 'unmatched', reason: { code: 'case_ended', caseId, status: test.caseStatus } };
  if (test?.result) return { kind: 'unmatched', reason: { code: 'conflict', caseId, recorded: test.result, inFile: row.result, meanwhile: true } };
  if (!test || test.status !== 'sampled') return { kind: 'unmatched', reason: { code: 'no_sampled_test', caseId, sampledOn: row.sampledOn } };
  return { kind: 'apply', test };
}

export function countByResult(rows: readonly { result: TestResult }[]): Partial<Record<TestResult, number>> {
  const counts: Partial<Record<TestResult, number>> = {};
  for (const r of rows) counts[r.result] = (counts[r.result] ?? 0) + 1;
  return counts;
}
