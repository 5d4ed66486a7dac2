import { errorRows } from '../cards/import-card';
import { resultDoneCard } from '../cards/result-import-card';
import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { lockDuty } from '../db/repositories/duties.repository';
import type { ImportRecord } from '../db/repositories/imports.repository';
import type { StoredDuplicate, StoredImportError } from '../db/schema';
import type { IsoDate } from '../domain/dates';
import type { TestResult } from '../domain/duties';
import { countByResult, recheckMatch } from '../domain/result-match';
import { resultImportText, unmatchedLine } from '../messages/result-import';
import { recordResult } from './duty-actions';
import type { ImportWorkerDeps } from './import-worker';

/** A row to enter at 录入, sealed with the preview: the test it matched and its result; nothing personal but the masked name. */
export interface MatchedResultRow {
  row: number;
  name: string;
  caseId: number;
  dutyId: number;
  sampledOn: IsoDate;
  result: TestResult;
}

/**
 * 录入, in the import's one transaction: every matched row through the code a result press
 * runs (alerts for 阳性, the recheck for 混管阳性, the resample for 无效, each audited with the
 * import's id). A test given a result by hand since the preview is checked again under its
 * lock: the same result is counted as recorded, a different one set apart, never overwritten.
 */
export async function writeResults(tx: Database, deps: ImportWorkerDeps, imp: ImportRecord, rows: MatchedResultRow[]) {
  const now = deps.now();
  const actorOpenId = imp.decidedBy ?? imp.requestedBy;
  const ctx = { db: tx, actor: { openId: actorOpenId }, chatId: imp.chatId, now, policy: deps.policy, timeZone: deps.timeZone };
  const entered: MatchedResultRow[] = [];
  const recorded: StoredDuplicate[] = [...(imp.duplicates ?? [])];
  const unmatched: StoredImportError[] = [...(imp.errors ?? [])];
  const meanwhile = { same: 0, different: 0 };
  // Locked in one order, so two imports of overlapping lists wait for each other instead of deadlocking.
  for (const row of [...rows].sort((a, b) => a.dutyId - b.dutyId)) {
    const duty = await lockDuty(tx, row.dutyId);
    const check = recheckMatch(row, duty && duty.kind === 'test' ? duty : null);
    if (check.kind === 'apply') {
      await recordResult(ctx, check.test, row.result, { importId: imp.id });
      entered.push(row);
    } else if (check.kind === 'recorded') {
      meanwhile.same++;
      recorded.push({ row: row.row, caseId: row.caseId });
    } else {
      if (check.reason.code === 'conflict') meanwhile.different++;
      unmatched.push({ row: row.row, name: row.name, field: 'match', message: unmatchedLine(check.reason) });
    }
  }
  recorded.sort((a, b) => a.row - b.row);
  unmatched.sort((a, b) => a.row - b.row);
  const counts = countByResult(entered);
  const unmatchedRows = errorRows(unmatched).length;
  await writeAudit(tx, {
    at: now,
    actorOpenId,
    chatId: imp.chatId,
    action: 'ledger.result_import',
    after: { importId: imp.id, fileName: imp.fileName, requestedBy: imp.requestedBy, entered: entered.length, byResult: counts, recorded: recorded.length, unmatchedRows, meanwhile },
  });
  return {
    result: { imported: entered.length, firstCaseId: null, lastCaseId: null, duplicates: recorded },
    card: resultDoneCard({ fileName: imp.fileName, counts, meanwhile, unmatched, recorded }),
    reply: resultImportText.doneReply(entered.length, recorded.length, unmatchedRows),
  };
}
