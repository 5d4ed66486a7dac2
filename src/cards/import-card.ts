import type { StoredDuplicate, StoredImportError } from '../db/schema';
import { ledgerText } from '../messages/ledger';
import { buildCard, button, type Card, type CardElement, plainText } from './card';
import { mostRowsThatFit } from './fit';

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

/** How a kind of import words its lists of rows set apart. */
export interface DetailTexts {
  errorsHeader: string;
  errorLine: (row: number, name: string | null, problems: string[]) => string;
  moreErrors: (n: number) => string;
  duplicatesHeader: (n: number) => string;
  duplicate: (row: number, caseId: number) => string;
  moreDuplicates: (n: number) => string;
}

/** The first `shown` error rows and the first `shown` duplicates, and how many of each are left out. */
function details(rows: ReturnType<typeof errorRows>, duplicates: readonly StoredDuplicate[], shown: number, texts: DetailTexts): CardElement[] {
  const elements: CardElement[] = [];
  if (rows.length > 0) {
    const lines = rows.slice(0, shown).map((r) => texts.errorLine(r.row, r.name, r.problems));
    if (rows.length > shown) lines.push(texts.moreErrors(rows.length - shown));
    elements.push(plainText([texts.errorsHeader, ...lines].join('\n')));
  }
  if (duplicates.length > 0) {
    const listed = duplicates.slice(0, shown).map((d) => texts.duplicate(d.row, d.caseId)).join('、');
    const more = duplicates.length > shown ? texts.moreDuplicates(duplicates.length - shown) : '';
    elements.push(plainText(`${texts.duplicatesHeader(duplicates.length)}${listed}${more}`));
  }
  return elements;
}

/** The card `build` makes with as many error rows and duplicates listed as fit Lark's budget. */
export function withDetails(
  errors: readonly StoredImportError[],
  duplicates: readonly StoredDuplicate[],
  build: (details: CardElement[]) => Card,
  texts: DetailTexts = t,
): Card {
  const rows = errorRows(errors);
  const withShown = (n: number) => build(details(rows, duplicates, n, texts));
  return withShown(mostRowsThatFit(Math.max(rows.length, duplicates.length), withShown));
}

/** 导入 and 取消 (or the kind's words for them) side by side. */
export function decisionButtons(importId: number, labels: { confirm: string; cancel: string }): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: [
      { tag: 'column', width: 'auto', elements: [button(labels.confirm, { action: 'import.confirm', importId }, 'primary')] },
      { tag: 'column', width: 'auto', elements: [button(labels.cancel, { action: 'import.cancel', importId })] },
    ],
  };
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
  const decision: CardElement[] = [];
  if (input.importable > 0) {
    decision.push(plainText(t.confirmHint));
    decision.push(decisionButtons(input.importId, { confirm: t.confirmButton, cancel: t.cancelButton }));
  } else {
    decision.push(plainText(t.nothingToImport));
  }
  return withDetails(input.errors, input.duplicates, (details) =>
    buildCard({ title: t.title(input.fileName), color: input.importable > 0 ? 'blue' : 'orange', elements: [plainText(counts), ...details, ...decision], summary: counts }),
  );
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
  return withDetails(input.errors, input.duplicates, (details) =>
    buildCard({ title: t.doneTitle(input.fileName), color: 'green', elements: [plainText(t.done(input.imported, input.range)), ...details] }),
  );
}

export function importCancelledCard(input: { fileName: string }): Card {
  return buildCard({ title: t.cancelledTitle(input.fileName), color: 'grey', elements: [plainText(t.cancelled)] });
}

/** A preview nobody decided on in time: the rows are gone, the buttons with them. */
export function importExpiredCard(input: { fileName: string; hours: number }): Card {
  return buildCard({ title: t.expiredTitle(input.fileName), color: 'grey', elements: [plainText(t.expired(input.hours))] });
}
