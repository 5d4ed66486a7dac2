import type { Card } from '../cards/card';
import type { Database } from '../db/client';
import type { ImportRecord } from '../db/repositories/imports.repository';
import type { StoredDuplicate, StoredImportError } from '../db/schema';
import type { SheetRow } from '../domain/import-rows';
import type { ImportWorkerDeps } from './import-worker';

export const MAX_IMPORT_ROWS = 10_000;

/** What a preview shows and keeps: the rows to write (sealed until the decision), and those set apart. */
export interface KindPreview {
  rows: unknown[];
  importable: number;
  errors: StoredImportError[];
  duplicates: StoredDuplicate[];
  card: Card;
}

/**
 * What one kind of import (/导入 people, /结果导入 lab results) does with its file; the worker
 * does the rest the same way for every kind: download outside transactions, the sealed rows,
 * the decision, the one write transaction, the expiry.
 */
export interface ImportKind {
  /** What a reply tells the user to send again. */
  command: string;
  /** The sheet's rows checked (and matched against the database) for the preview. */
  preview(deps: ImportWorkerDeps, imp: ImportRecord, rows: readonly SheetRow[]): Promise<KindPreview | { failure: string }>;
  /**
   * Inside the write transaction: the confirmed rows (the preview's, back from their seal)
   * written and audited; what the card and the reply then say.
   */
  write(tx: Database, deps: ImportWorkerDeps, imp: ImportRecord, sealedRows: unknown[]): Promise<{ result: NonNullable<ImportRecord['result']>; card: Card; reply: string }>;
  expiredCard(input: { fileName: string; hours: number }): Card;
}
