import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import {
  claimPendingImport,
  failImport,
  finishImport,
  type ImportRecord,
  expireUndecidedPreviews,
  lockNextConfirmedImport,
  retryImportAt,
  savePreview,
} from '../db/repositories/imports.repository';
import { listVillages } from '../db/repositories/villages.repository';
import type { StoredDuplicate, StoredImportError } from '../db/schema';
import { todayIn } from '../domain/dates';
import { type ImportRowValue, validateImportRows } from '../domain/import-rows';
import { findHeaderRow, missingColumns } from '../domain/ledger-columns';
import { maskName } from '../domain/mask';
import type { Policy } from '../domain/policy';
import { importDoneCard, importExpiredCard, importPreviewCard, errorRows } from '../cards/import-card';
import { LarkCallError, type LarkApi, ResourceTooLargeError } from '../lark/client';
import { importErrorLine, ledgerText } from '../messages/ledger';
import { enqueueOutbound } from '../outbox/outbox.repository';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { activeCaseIdsByHash, bulkRegisterCases } from './bulk-register';
import { readSpreadsheet, spreadsheetKind } from './read-spreadsheet';

export const MAX_IMPORT_ROWS = 10_000;
const MAX_FILE_MB = 20;
const MAX_DOWNLOAD_ATTEMPTS = 3;
// Longer than any download may take (the Lark client gives up after a minute).
const LEASE_MS = 5 * 60_000;
const RETRY_AFTER_MS = 30_000;
/** A preview waits this long for 导入 or 取消; then its sealed rows are dropped. */
export const PREVIEW_EXPIRES_HOURS = 24;
const EXPIRY_CHECK_EVERY_MS = 5 * 60_000;

export interface ImportWorkerDeps {
  db: Database;
  lark: Pick<LarkApi, 'downloadResource'>;
  cipher: DataCipher;
  policy: Policy;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  idleMs: number;
  /** After a transaction that wrote messages (to wake the outbox). */
  afterCommit?: () => void;
}

export type ImportWorker = WorkerLoop & { runOnce(): Promise<number> };

/**
 * Moves imports along: reads the file of a pending one (the download happens outside any
 * transaction) and posts the preview; writes a confirmed one in one transaction and posts
 * the outcome. Both survive a crash: a pending request's lease runs out, a confirmed
 * import's transaction rolls back, and either is taken up again.
 */
export function createImportWorker(deps: ImportWorkerDeps): ImportWorker {
  // Expiry is a matter of hours: looking every few minutes keeps a transaction off every idle poll.
  let nextExpiryCheck = 0;
  const expireNowAndThen = async () => {
    if (deps.now().getTime() < nextExpiryCheck) return 0;
    const expired = await expireStalePreviews(deps);
    // More may wait when a batch came back: look again at once.
    if (expired === 0) nextExpiryCheck = deps.now().getTime() + EXPIRY_CHECK_EVERY_MS;
    return expired;
  };
  const runOnce = async () => (await readNextFile(deps)) + (await importNextConfirmed(deps)) + (await expireNowAndThen());
  return { runOnce, ...createWorkerLoop({ name: 'imports', cycle: runOnce, idleMs: deps.idleMs, logger: deps.logger }) };
}

async function readNextFile(deps: ImportWorkerDeps): Promise<number> {
  const imp = await claimPendingImport(deps.db, { now: deps.now(), leaseMs: LEASE_MS });
  if (!imp) return 0;
  const log = deps.logger.child({ importId: imp.id });
  let bytes: Buffer;
  try {
    bytes = await deps.lark.downloadResource({ messageId: imp.fileMessageId, fileKey: imp.fileKey, maxBytes: MAX_FILE_MB * 1024 * 1024 });
  } catch (e) {
    log.warn({ err: e instanceof Error ? e.message : String(e), attempts: imp.attempts }, 'import file download failed');
    if (e instanceof ResourceTooLargeError) await fail(deps, imp, ledgerText.import.tooLarge(MAX_FILE_MB));
    else if (e instanceof LarkCallError && e.kind === 'permanent') await fail(deps, imp, ledgerText.import.downloadFailed);
    else if (imp.attempts >= MAX_DOWNLOAD_ATTEMPTS) await fail(deps, imp, ledgerText.import.downloadRetryFailed);
    else await retryImportAt(deps.db, imp.id, new Date(deps.now().getTime() + RETRY_AFTER_MS * imp.attempts));
    return 1;
  }
  const preview = await previewOf(deps, imp, bytes);
  if ('failure' in preview) {
    await fail(deps, imp, preview.failure);
    return 1;
  }
  await deps.db.transaction(async (tx) => {
    const card = importPreviewCard({ importId: imp.id, fileName: imp.fileName, ...preview });
    const outboxId = await enqueueOutbound(tx, {
      kind: 'reply',
      messageId: imp.requestMessageId,
      chatId: imp.chatId,
      msgType: 'interactive',
      content: JSON.stringify(card),
    });
    await savePreview(tx, imp.id, {
      status: preview.importable > 0 ? 'preview' : 'failed',
      sealedRows: preview.importable > 0 ? deps.cipher.encrypt(JSON.stringify(preview.rows)) : null,
      validCount: preview.importable,
      errors: [...preview.errors],
      duplicates: [...preview.duplicates],
      previewOutboxId: outboxId,
      failure: preview.importable > 0 ? null : 'nothing to import',
      now: deps.now(),
    });
  });
  log.info({ importable: preview.importable, errors: preview.errors.length }, 'import preview posted');
  deps.afterCommit?.();
  return 1;
}

type Preview =
  | { failure: string }
  | { rows: ImportRowValue[]; importable: number; errors: StoredImportError[]; duplicates: StoredDuplicate[] };

/** The file read and every row checked; people already under management are set apart. */
async function previewOf(deps: ImportWorkerDeps, imp: ImportRecord, bytes: Buffer): Promise<Preview> {
  const text = ledgerText.import;
  const kind = spreadsheetKind(imp.fileName);
  if (!kind) return { failure: text.unsupported(imp.fileName) };
  // Header and title lines come on top of the data rows.
  const read = await readSpreadsheet(bytes, kind, MAX_IMPORT_ROWS + 10);
  if (!read.ok) return { failure: read.reason === 'too_many_rows' ? text.tooManyRows(MAX_IMPORT_ROWS) : text.unreadable(imp.fileName) };
  const header = findHeaderRow(read.rows.map((r) => r.cells));
  if (!header) return { failure: text.noHeader };
  const villages = await listVillages(deps.db);
  const boundVillage = villages.find((v) => v.id === imp.boundVillageId)?.name ?? null;
  const missing = missingColumns(header.columns, boundVillage === null);
  if (missing.length > 0) return { failure: text.missingColumns(missing) };
  const dataRows = read.rows.slice(header.index + 1);
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
  return { rows, importable: rows.length, errors, duplicates };
}

async function fail(deps: ImportWorkerDeps, imp: ImportRecord, reply: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await failImport(tx, imp.id, { failure: reply, now: deps.now() });
    await enqueueOutbound(tx, {
      kind: 'reply',
      messageId: imp.requestMessageId,
      chatId: imp.chatId,
      msgType: 'text',
      content: JSON.stringify({ text: reply }),
    });
  });
  deps.afterCommit?.();
}

/** One confirmed import, all its rows in one transaction with its outcome messages. */
async function importNextConfirmed(deps: ImportWorkerDeps): Promise<number> {
  const done = await deps.db.transaction(async (tx) => {
    const imp = await lockNextConfirmedImport(tx);
    if (!imp) return false;
    const now = deps.now();
    const actor = imp.decidedBy ?? imp.requestedBy;
    const rows = imp.sealedRows ? (JSON.parse(deps.cipher.decrypt(imp.sealedRows)) as ImportRowValue[]) : [];
    const outcome = await bulkRegisterCases(tx, {
      rows,
      villages: await listVillages(tx),
      policy: deps.policy,
      cipher: deps.cipher,
      actorOpenId: actor,
      chatId: imp.chatId,
      importId: imp.id,
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
    await finishImport(tx, imp.id, { result: { imported: ids.length, firstCaseId: first, lastCaseId: last, duplicates }, now });
    const contiguous = first !== null && last !== null && last - first + 1 === ids.length;
    const card = importDoneCard({ fileName: imp.fileName, imported: ids.length, range: contiguous ? { first, last } : null, errors, duplicates });
    if (imp.previewOutboxId !== null) {
      await enqueueOutbound(tx, { kind: 'patch', chatId: imp.chatId, outboxId: imp.previewOutboxId, content: JSON.stringify(card) });
    }
    const text = ledgerText.import.doneReply(ids.length, duplicates.length, errorRowCount);
    await enqueueOutbound(tx, { kind: 'reply', messageId: imp.requestMessageId, chatId: imp.chatId, msgType: 'text', content: JSON.stringify({ text }) });
    deps.logger.info({ importId: imp.id, imported: ids.length, duplicates: duplicates.length }, 'import written');
    return true;
  });
  if (done) deps.afterCommit?.();
  return done ? 1 : 0;
}

/** Previews left undecided too long lose their rows; their cards say so (the buttons go). */
async function expireStalePreviews(deps: ImportWorkerDeps): Promise<number> {
  const now = deps.now();
  const expired = await deps.db.transaction(async (tx) => {
    const stale = await expireUndecidedPreviews(tx, { before: new Date(now.getTime() - PREVIEW_EXPIRES_HOURS * 3600_000), now, limit: 20 });
    for (const imp of stale) {
      if (imp.previewOutboxId === null) continue;
      const card = importExpiredCard({ fileName: imp.fileName, hours: PREVIEW_EXPIRES_HOURS });
      await enqueueOutbound(tx, { kind: 'patch', chatId: imp.chatId, outboxId: imp.previewOutboxId, content: JSON.stringify(card) });
    }
    return stale.length;
  });
  if (expired) {
    deps.logger.info({ expired }, 'undecided import previews expired');
    deps.afterCommit?.();
  }
  return expired;
}
