import { listIsolationPoints } from '../db/repositories/isolation-points.repository';
import { errorRows, importDoneCard, importExpiredCard, importPreviewCard } from '../cards/import-card';
import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import type { ImportRecord } from '../db/repositories/imports.repository';
import { listVillages } from '../db/repositories/villages.repository';
import type { StoredDuplicate } from '../db/schema';
import { todayIn } from '../domain/dates';
import { type ImportRowValue, type SheetRow, validateImportRows } from '../domain/import-rows';
import { findHeaderRow, missingColumns } from '../domain/ledger-columns';
import { maskName } from '../domain/mask';
import { importErrorLine, ledgerText } from '../messages/ledger';
import { activeCaseIdsByHash, bulkRegisterCases } from './bulk-register';
import { type ImportKind, type KindPreview, MAX_IMPORT_ROWS } from './import-kind';
import type { ImportWorkerDeps } from './import-worker';

/** Every row checked as /登记 checks it; people already under management are set apart. */
async function previewCases(deps: ImportWorkerDeps, imp: ImportRecord, sheetRows: readonly SheetRow[]): Promise<KindPreview | { failure: string }> {
  const text = ledgerText.import;
  const header = findHeaderRow(sheetRows.map((r) => r.cells));
  if (!header) return { failure: text.noHeader };
  const villages = await listVillages(deps.db);
  const boundVillage = villages.find((v) => v.id === imp.boundVillageId)?.name ?? null;
  const missing = missingColumns(header.columns, boundVillage === null);
  if (missing.length > 0) return { failure: text.missingColumns(missing) };
  const dataRows = sheetRows.slice(header.index + 1);
  if (dataRows.length > MAX_IMPORT_ROWS) return { failure: text.tooManyRows(MAX_IMPORT_ROWS) };

  const allowed = imp.allowedVillageIds;
  const checked = validateImportRows({
    rows: dataRows,
    columns: header.columns,
    today: todayIn(deps.timeZone, deps.now()),
    policy: deps.policy,
    villageNames: villages.map((v) => v.name),
    boundVillage,
    allowedVillages: allowed === null ? null : villages.filter((v) => allowed.includes(v.id)).map((v) => v.name),
  });
  if (checked.valid.length === 0 && checked.errors.length === 0) return { failure: text.noRows };

  const hashes = checked.valid.map((v) => deps.cipher.lookupHash(v.idNumber));
  const active = await activeCaseIdsByHash(deps.db, hashes);
  const duplicates: StoredDuplicate[] = [];
  const rows: ImportRowValue[] = [];
  checked.valid.forEach((v, i) => {
    const caseId = active.get(hashes[i]!);
    if (caseId === undefined) rows.push(v);
    else duplicates.push({ row: v.row, caseId });
  });
  const errors = checked.errors.map((e) => ({
    row: e.row,
    name: e.name === null ? null : maskName(e.name),
    field: e.error.field,
    message: importErrorLine(e.error),
  }));
  const card = importPreviewCard({ importId: imp.id, fileName: imp.fileName, importable: rows.length, errors, duplicates });
  return { rows, importable: rows.length, errors, duplicates, card };
}

/** The people registered in one go, each with its duties and audit, and the import audited. */
async function writeCases(tx: Database, deps: ImportWorkerDeps, imp: ImportRecord, sealedRows: unknown[]) {
  const now = deps.now();
  const actor = imp.decidedBy ?? imp.requestedBy;
  const outcome = await bulkRegisterCases(tx, {
    rows: sealedRows as ImportRowValue[],
    villages: await listVillages(tx),
    policy: deps.policy,
    cipher: deps.cipher,
    actorOpenId: actor,
    chatId: imp.chatId,
    importId: imp.id,
    defaultPointId: await onlyIsolationPoint(tx),
    timeZone: deps.timeZone,
    today: todayIn(deps.timeZone, now),
    now,
  });
  const duplicates = [...(imp.duplicates ?? []), ...outcome.duplicates].sort((a, b) => a.row - b.row);
  const ids = outcome.created.map((c) => c.caseId);
  const first = ids.length ? Math.min(...ids) : null;
  const last = ids.length ? Math.max(...ids) : null;
  const errors = imp.errors ?? [];
  const errorRowCount = errorRows(errors).length;
  await writeAudit(tx, {
    at: now,
    actorOpenId: actor,
    chatId: imp.chatId,
    action: 'ledger.import',
    after: { importId: imp.id, fileName: imp.fileName, requestedBy: imp.requestedBy, imported: ids.length, duplicates: duplicates.length, errorRows: errorRowCount },
  });
  const contiguous = first !== null && last !== null && last - first + 1 === ids.length;
  return {
    result: { imported: ids.length, firstCaseId: first, lastCaseId: last, duplicates },
    card: importDoneCard({ fileName: imp.fileName, imported: ids.length, range: contiguous ? { first, last } : null, errors, duplicates }),
    reply: ledgerText.import.doneReply(ids.length, duplicates.length, errorRowCount),
  };
}

/** /导入: people to register under management. */
export const caseImport: ImportKind = { command: '/导入', preview: previewCases, write: writeCases, expiredCard: importExpiredCard };

/** The township's isolation point when it has exactly one: where imported central-isolation people go. */
async function onlyIsolationPoint(db: Database): Promise<number | null> {
  const points = await listIsolationPoints(db);
  return points.length === 1 ? points[0]!.id : null;
}
