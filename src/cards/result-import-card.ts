import type { StoredDuplicate, StoredImportError } from '../db/schema';
import type { TestResult } from '../domain/duties';
import { ledgerText } from '../messages/ledger';
import { resultImportText } from '../messages/result-import';
import { buildCard, type Card, type CardElement, plainText } from './card';
import { decisionButtons, type DetailTexts, errorRows, withDetails } from './import-card';

const t = resultImportText;

/** Unmatched rows are listed as the people import lists its errors; rows recorded already as its duplicates. */
const DETAILS: DetailTexts = {
  errorsHeader: t.unmatchedHeader,
  errorLine: ledgerText.import.errorLine,
  moreErrors: t.moreUnmatched,
  duplicatesHeader: t.recordedHeader,
  duplicate: ledgerText.import.duplicate,
  moreDuplicates: ledgerText.import.moreDuplicates,
};

export type ResultCounts = Partial<Record<TestResult, number>>;

function totalOf(counts: ResultCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}

/** 「可录入 N 条，未匹配 M 条」, the results to be entered by kind, every unmatched row (masked) and why, 录入 / 取消. */
export function resultPreviewCard(input: {
  importId: number;
  fileName: string;
  counts: ResultCounts;
  unmatched: readonly StoredImportError[];
  recorded: readonly StoredDuplicate[];
}): Card {
  const matched = totalOf(input.counts);
  const counts = t.counts(matched, errorRows(input.unmatched).length);
  const top: CardElement[] = [plainText(counts)];
  if (matched > 0) top.push(plainText(t.byResult(input.counts)));
  if ((input.counts.positive ?? 0) + (input.counts.pooled_positive ?? 0) > 0) top.push(plainText(t.alertsAhead));
  const decision =
    matched > 0
      ? [plainText(t.confirmHint), decisionButtons(input.importId, { confirm: t.confirmButton, cancel: t.cancelButton })]
      : [plainText(t.nothingToEnter)];
  return withDetails(
    input.unmatched,
    input.recorded,
    (details) => buildCard({ title: t.title(input.fileName), color: matched > 0 ? 'blue' : 'orange', elements: [...top, ...details, ...decision], summary: counts }),
    DETAILS,
  );
}

export function resultEnteringCard(input: { fileName: string; importable: number }): Card {
  return buildCard({ title: t.enteringTitle(input.fileName), color: 'blue', elements: [plainText(t.entering(input.importable))] });
}

/** What 录入 came to; rows given a result by hand since the preview are said apart. */
export function resultDoneCard(input: {
  fileName: string;
  counts: ResultCounts;
  meanwhile: { same: number; different: number };
  unmatched: readonly StoredImportError[];
  recorded: readonly StoredDuplicate[];
}): Card {
  const entered = totalOf(input.counts);
  const top: CardElement[] = [plainText(t.done(entered))];
  if (entered > 0) top.push(plainText(t.byResult(input.counts)));
  if (input.meanwhile.same + input.meanwhile.different > 0) top.push(plainText(t.meanwhile(input.meanwhile.same, input.meanwhile.different)));
  return withDetails(
    input.unmatched,
    input.recorded,
    (details) => buildCard({ title: t.doneTitle(input.fileName), color: 'green', elements: [...top, ...details] }),
    DETAILS,
  );
}

export function resultCancelledCard(input: { fileName: string }): Card {
  return buildCard({ title: t.cancelledTitle(input.fileName), color: 'grey', elements: [plainText(t.cancelled)] });
}

export function resultExpiredCard(input: { fileName: string; hours: number }): Card {
  return buildCard({ title: t.expiredTitle(input.fileName), color: 'grey', elements: [plainText(t.expired(input.hours))] });
}
