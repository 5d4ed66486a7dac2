import type { Database } from '../db/client';
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
import type { Policy } from '../domain/policy';
import { LarkCallError, type LarkApi, ResourceTooLargeError } from '../lark/client';
import { ledgerText } from '../messages/ledger';
import { enqueueOutbound } from '../outbox/outbox.repository';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { caseImport } from './case-import';
import { type ImportKind, type KindPreview, MAX_IMPORT_ROWS } from './import-kind';
import { readSpreadsheet, spreadsheetKind } from './read-spreadsheet';
import { pushImport } from './push-import';
import { resultImport } from './result-import';

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
  const log = deps.logger.child({ importId: imp.id, kind: imp.kind });
  const kind = kindOf(imp);
  let bytes: Buffer;
  try {
    bytes = await deps.lark.downloadResource({ messageId: imp.fileMessageId, fileKey: imp.fileKey, maxBytes: MAX_FILE_MB * 1024 * 1024 });
  } catch (e) {
    log.warn({ err: e instanceof Error ? e.message : String(e), attempts: imp.attempts }, 'import file download failed');
    if (e instanceof ResourceTooLargeError) await fail(deps, imp, ledgerText.import.tooLarge(MAX_FILE_MB));
    else if (e instanceof LarkCallError && e.kind === 'permanent') await fail(deps, imp, ledgerText.import.downloadFailed(kind.command));
    else if (imp.attempts >= MAX_DOWNLOAD_ATTEMPTS) await fail(deps, imp, ledgerText.import.downloadRetryFailed(kind.command));
    else await retryImportAt(deps.db, imp.id, new Date(deps.now().getTime() + RETRY_AFTER_MS * imp.attempts));
    return 1;
  }
  const preview = await previewOf(deps, imp, kind, bytes);
  if ('failure' in preview) {
    await fail(deps, imp, preview.failure);
    return 1;
  }
  await deps.db.transaction(async (tx) => {
    const outboxId = await enqueueOutbound(tx, {
      kind: 'reply',
      messageId: imp.requestMessageId,
      chatId: imp.chatId,
      msgType: 'interactive',
      content: JSON.stringify(preview.card),
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

/** The file read as a spreadsheet; what its rows come to is the kind's to say. */
async function previewOf(deps: ImportWorkerDeps, imp: ImportRecord, kind: ImportKind, bytes: Buffer): Promise<KindPreview | { failure: string }> {
  const text = ledgerText.import;
  const fileKind = spreadsheetKind(imp.fileName);
  if (!fileKind) return { failure: text.unsupported(imp.fileName) };
  // Header and title lines come on top of the data rows.
  const read = await readSpreadsheet(bytes, fileKind, MAX_IMPORT_ROWS + 10);
  if (!read.ok) {
    const failure = { too_many_rows: () => text.tooManyRows(MAX_IMPORT_ROWS), too_big: () => text.tooBigOrMalformed(imp.fileName, MAX_IMPORT_ROWS), unreadable: () => text.unreadable(imp.fileName) };
    return { failure: failure[read.reason]() };
  }
  return kind.preview(deps, imp, read.rows);
}

const KINDS: Record<ImportRecord['kind'], ImportKind> = { cases: caseImport, results: resultImport, push: pushImport };
const kindOf = (imp: ImportRecord) => KINDS[imp.kind];

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
    const rows = imp.sealedRows ? (JSON.parse(deps.cipher.decrypt(imp.sealedRows)) as unknown[]) : [];
    const outcome = await kindOf(imp).write(tx, deps, imp, rows);
    await finishImport(tx, imp.id, { result: outcome.result, now });
    if (imp.previewOutboxId !== null) {
      await enqueueOutbound(tx, { kind: 'patch', chatId: imp.chatId, outboxId: imp.previewOutboxId, content: JSON.stringify(outcome.card) });
    }
    await enqueueOutbound(tx, { kind: 'reply', messageId: imp.requestMessageId, chatId: imp.chatId, msgType: 'text', content: JSON.stringify({ text: outcome.reply }) });
    deps.logger.info({ importId: imp.id, kind: imp.kind, imported: outcome.result.imported, duplicates: outcome.result.duplicates.length }, 'import written');
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
      const card = kindOf(imp).expiredCard({ fileName: imp.fileName, hours: PREVIEW_EXPIRES_HOURS });
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
