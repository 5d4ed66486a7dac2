import { resultExpiredCard, resultPreviewCard } from '../cards/result-import-card';
import type { ImportRecord } from '../db/repositories/imports.repository';
import { casesByIdHash, sampledTestsOf } from '../db/repositories/lab-results.repository';
import type { StoredDuplicate, StoredImportError } from '../db/schema';
import { nameLookupHash } from '../db/sealed-person';
import { addDays, todayIn, zonedDateTimeToInstant } from '../domain/dates';
import type { SheetRow } from '../domain/import-rows';
import { maskName } from '../domain/mask';
import { countByResult, matchResultRow, type RowMatch } from '../domain/result-match';
import { findResultHeaderRow, missingResultColumns, type ResultRowValue, validateResultRows } from '../domain/result-rows';
import { ledgerText } from '../messages/ledger';
import { resultErrorLine, resultImportText, unmatchedLine } from '../messages/result-import';
import { type ImportKind, type KindPreview, MAX_IMPORT_ROWS } from './import-kind';
import type { ImportWorkerDeps } from './import-worker';
import { type MatchedResultRow, writeResults } from './result-import-write';

/** The file's rows checked, then each valid one matched to a case and that day's sampled test. */
async function previewResults(deps: ImportWorkerDeps, imp: ImportRecord, sheetRows: readonly SheetRow[]): Promise<KindPreview | { failure: string }> {
  const header = findResultHeaderRow(sheetRows.map((r) => r.cells));
  if (!header) return { failure: resultImportText.noHeader };
  const missing = missingResultColumns(header.columns);
  if (missing.length > 0) return { failure: resultImportText.missingColumns(missing) };
  const dataRows = sheetRows.slice(header.index + 1);
  if (dataRows.length > MAX_IMPORT_ROWS) return { failure: ledgerText.import.tooManyRows(MAX_IMPORT_ROWS) };
  const checked = validateResultRows({ rows: dataRows, columns: header.columns, today: todayIn(deps.timeZone, deps.now()) });
  if (checked.valid.length === 0 && checked.errors.length === 0) return { failure: ledgerText.import.noRows };

  const matches = await matchRows(deps, checked.valid);
  const rows: MatchedResultRow[] = [];
  const recorded: StoredDuplicate[] = [];
  const unmatched: StoredImportError[] = checked.errors.map((e) => ({
    row: e.row,
    name: e.name === null ? null : maskName(e.name),
    field: e.error.field,
    message: resultErrorLine(e.error),
  }));
  checked.valid.forEach((v, i) => {
    const m = matches[i]!;
    const name = maskName(v.name);
    if (m.kind === 'match') rows.push({ row: v.row, name, caseId: m.caseId, dutyId: m.dutyId, sampledOn: v.sampledOn, result: v.result });
    else if (m.kind === 'recorded') recorded.push({ row: v.row, caseId: m.caseId });
    else unmatched.push({ row: v.row, name, field: 'match', message: unmatchedLine(m.reason) });
  });
  unmatched.sort((a, b) => a.row - b.row);
  const card = resultPreviewCard({ importId: imp.id, fileName: imp.fileName, counts: countByResult(rows), unmatched, recorded });
  return { rows, importable: rows.length, errors: unmatched, duplicates: recorded, card };
}

/**
 * Each row against the cases of its ID number (the keyed hash, as cases.id_number_hash) and
 * their tests sampled on the row's date in the township's zone: one query for the cases and
 * one for their tests, however long the file.
 */
async function matchRows(deps: ImportWorkerDeps, valid: readonly ResultRowValue[]): Promise<RowMatch[]> {
  if (valid.length === 0) return [];
  const hashes = valid.map((v) => deps.cipher.lookupHash(v.idNumber));
  const cases = await casesByIdHash(deps.db, [...new Set(hashes)]);
  const dates = valid.map((v) => v.sampledOn).sort();
  const tests = (
    await sampledTestsOf(deps.db, {
      caseIds: cases.map((c) => c.id),
      from: zonedDateTimeToInstant(dates[0]!, '00:00', deps.timeZone),
      to: zonedDateTimeToInstant(addDays(dates.at(-1)!, 1), '00:00', deps.timeZone),
    })
  ).map((t) => ({ ...t, sampledAt: t.sampledAt!, sampledOn: todayIn(deps.timeZone, t.sampledAt!) }));
  const casesOf = groupBy(cases, (c) => c.idNumberHash);
  const testsOf = groupBy(tests, (t) => t.caseId);
  return valid.map((v, i) => {
    const nameHash = nameLookupHash(deps.cipher, v.name);
    const own = casesOf.get(hashes[i]!) ?? [];
    return matchResultRow(
      v,
      own.map((c) => ({ id: c.id, status: c.status, nameMatches: c.nameHash === nameHash })),
      own.flatMap((c) => testsOf.get(c.id) ?? []),
    );
  });
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** /结果导入: a lab's result list entered against the tests sampled. */
export const resultImport: ImportKind = {
  command: resultImportText.command,
  preview: previewResults,
  write: (tx, deps, imp, sealedRows) => writeResults(tx, deps, imp, sealedRows as MatchedResultRow[]),
  expiredCard: resultExpiredCard,
};
