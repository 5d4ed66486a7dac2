import { and, asc, eq, gt, inArray, ne, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { auditLog, cases, duties, transfers, villages } from '../schema';

/**
 * The ledger read a page at a time (keyset on id), so an export of a whole township never
 * holds every row in memory. `villageIds` null = every village.
 */
export interface LedgerScope {
  villageIds: number[] | null;
}

const inScope = (scope: LedgerScope, column: typeof cases.villageId | typeof duties.villageId): SQL | undefined =>
  scope.villageIds === null ? undefined : inArray(column, scope.villageIds);

export async function ledgerCasesPage(db: Database, scope: LedgerScope, afterId: number, limit: number) {
  return db
    .select({
      id: cases.id,
      nameEnc: cases.nameEnc,
      nameMasked: cases.nameMasked,
      idNumberEnc: cases.idNumberEnc,
      phoneEnc: cases.phoneEnc,
      sex: cases.sex,
      category: cases.category,
      startDate: cases.startDate,
      endDate: cases.endDate,
      villageName: villages.name,
      addressEnc: cases.addressEnc,
      addressMasked: cases.addressMasked,
      status: cases.status,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(gt(cases.id, afterId), inScope(scope, cases.villageId)))
    .orderBy(asc(cases.id))
    .limit(limit);
}

/** Tests or temperature checks, cancelled ones left out (they were never work to do). */
export async function ledgerDutiesPage(db: Database, scope: LedgerScope, kind: 'test' | 'temp', afterId: number, limit: number) {
  return db
    .select({
      id: duties.id,
      caseId: duties.caseId,
      caseNameEnc: cases.nameEnc,
      caseNameMasked: cases.nameMasked,
      villageName: villages.name,
      day: duties.day,
      dueDate: duties.dueDate,
      slot: duties.slot,
      status: duties.status,
      sampledAt: duties.sampledAt,
      sampledBy: duties.sampledBy,
      result: duties.result,
      temperature: duties.temperature,
      symptoms: duties.symptoms,
      completedAt: duties.completedAt,
      completedBy: duties.completedBy,
      resultOverdueAt: duties.resultOverdueAt,
    })
    .from(duties)
    .innerJoin(cases, eq(cases.id, duties.caseId))
    .innerJoin(villages, eq(villages.id, duties.villageId))
    .where(and(gt(duties.id, afterId), eq(duties.kind, kind), ne(duties.status, 'cancelled'), inScope(scope, duties.villageId)))
    .orderBy(asc(duties.id))
    .limit(limit);
}

/** The audit trail; for some villages, the entries about their cases. */
export async function ledgerAuditPage(db: Database, scope: LedgerScope, afterId: number, limit: number) {
  const base = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorOpenId: auditLog.actorOpenId,
      chatId: auditLog.chatId,
      action: auditLog.action,
      caseId: auditLog.caseId,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
    })
    .from(auditLog);
  const scoped =
    scope.villageIds === null
      ? base.where(gt(auditLog.id, afterId))
      : base.innerJoin(cases, eq(cases.id, auditLog.caseId)).where(and(gt(auditLog.id, afterId), inArray(cases.villageId, scope.villageIds)));
  return scoped.orderBy(asc(auditLog.id)).limit(limit);
}

/** One page of the 转运记录 sheet: transfers with their case's masked name and village. */
export async function ledgerTransfersPage(db: Database, scope: LedgerScope, afterId: number, limit: number) {
  return db
    .select({
      id: transfers.id,
      caseId: transfers.caseId,
      caseNameMasked: cases.nameMasked,
      caseNameEnc: cases.nameEnc,
      villageName: villages.name,
      destination: transfers.destination,
      category: transfers.category,
      reason: transfers.reason,
      status: transfers.status,
      requestedAt: transfers.requestedAt,
      requestedBy: transfers.requestedBy,
      vehiclePlate: transfers.vehiclePlate,
      driver: transfers.driver,
      escort: transfers.escort,
      dispatchedAt: transfers.dispatchedAt,
      pickedUpAt: transfers.pickedUpAt,
      receivingPlace: transfers.receivingPlace,
      receiver: transfers.receiver,
      handedOverAt: transfers.handedOverAt,
      handedOverBy: transfers.handedOverBy,
    })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .innerJoin(villages, eq(villages.id, cases.villageId))
    .where(and(gt(transfers.id, afterId), inScope(scope, cases.villageId)))
    .orderBy(asc(transfers.id))
    .limit(limit);
}
