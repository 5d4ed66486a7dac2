import type { StoredDuplicate, StoredImportError } from '../db/schema';
import { ledgerText } from '../messages/ledger';
import { buildCard, button, type Card, type CardElement, plainText } from './card';

// Lark refuses cards over 30 KB: this many rows of errors (and of duplicates), then how many more.
export const ERROR_ROWS_SHOWN = 20;
export const DUPLICATES_SHOWN = 20;

const t = ledgerText.import;

/** Errors grouped by row, in row order: one line per row naming every bad field. */
export function errorRows(errors: readonly StoredImportError[]): { row: number; name: string | null; problems: string[] }[] {
  const byRow = new Map<number, { row: number; name: string | null; problems: string[] }>();
  for (const e of errors) {
    const entry = byRow.get(e.row) ?? { row: e.row, name: e.name, problems: [] };
    entry.problems.push(e.message);
    byRow.set(e.row, entry);
  }
  return [...byRow.values()].sort((a, b) => a.row - b.row);
}

function details(errors: readonly StoredImportError[], duplicates: readonly StoredDuplicate[]): CardElement[] {
  const elements: CardElement[] = [];
  const rows = errorRows(errors);
  if (rows.length > 0) {
    const lines = rows.slice(0, ERROR_ROWS_SHOWN).map((r) => t.errorLine(r.row, r.name, r.problems));
    if (rows.length > ERROR_ROWS_SHOWN) lines.push(t.moreErrors(rows.length - ERROR_ROWS_SHOWN));
    elements.push(plainText([t.errorsHeader, ...lines].join('\n')));
  }
  if (duplicates.length > 0) {
    const shown = duplicates.slice(0, DUPLICATES_SHOWN).map((d) => t.duplicate(d.row, d.caseId)).join('、');
    const more = duplicates.length > DUPLICATES_SHOWN ? t.moreDuplicates(duplicates.length - DUPLICATES_SHOWN) : '';
    elements.push(plainText(`${t.duplicatesHeader(duplicates.length)}${shown}${more}`));
  }
  return elements;
}

/** 「可导入 42 条，错误 3 条」 with every error by row and field, and 导入 / 取消 when there is something to import. */
export function importPreviewCard(input: {
  importId: number;
  fileName: string;
  importable: number;
  errors: readonly StoredImportError[];
  duplicates: readonly StoredDuplicate[];
}): Card {
  const counts = t.counts(input.importable, errorRows(input.errors).length);
  const elements: CardElement[] = [plainText(counts), ...details(input.errors, input.duplicates)];
  if (input.importable > 0) {
    elements.push(plainText(t.confirmHint));
    elements.push({
      tag: 'column_set',
      flex_mode: 'none',
      horizontal_spacing: '8px',
      columns: [
        { tag: 'column', width: 'auto', elements: [button(t.confirmButton, { action: 'import.confirm', importId: input.importId }, 'primary')] },
        { tag: 'column', width: 'auto', elements: [button(t.cancelButton, { action: 'import.cancel', importId: input.importId })] },
      ],
    });
  } else {
    elements.push(plainText(t.nothingToImport));
  }
  return buildCard({ title: t.title(input.fileName), color: input.importable > 0 ? 'blue' : 'orange', elements, summary: counts });
}

export function importingCard(input: { fileName: string; importable: number }): Card {
  return buildCard({ title: t.importingTitle(input.fileName), color: 'blue', elements: [plainText(t.importing(input.importable))] });
}

export function importDoneCard(input: {
  fileName: string;
  imported: number;
  range: { first: number; last: number } | null;
  errors: readonly StoredImportError[];
  duplicates: readonly StoredDuplicate[];
}): Card {
  const elements = [plainText(t.done(input.imported, input.range)), ...details(input.errors, input.duplicates)];
  return buildCard({ title: t.doneTitle(input.fileName), color: 'green', elements });
}

export function importCancelledCard(input: { fileName: string }): Card {
  return buildCard({ title: t.cancelledTitle(input.fileName), color: 'grey', elements: [plainText(t.cancelled)] });
}

/** A preview nobody decided on in time: the rows are gone, the buttons with them. */
export function importExpiredCard(input: { fileName: string; hours: number }): Card {
  return buildCard({ title: t.expiredTitle(input.fileName), color: 'grey', elements: [plainText(t.expired(input.hours))] });
}
