import type { StoredDuplicate, StoredImportError } from '../db/schema';
import { pushText } from '../messages/push-lists';
import { buildCard, type Card, type CardElement, plainText } from './card';
import { mostRowsThatFit } from './fit';
import { decisionButtons, type DetailTexts, withDetails } from './import-card';
import type { PushRowView } from './push-check-card';

const p = pushText.preview;
const b = pushText.batch;

const DETAILS: DetailTexts = {
  errorsHeader: p.errorsHeader,
  errorLine: p.errorRow,
  moreErrors: p.moreErrors,
  duplicatesHeader: p.managedHeader,
  duplicate: p.managedRow,
  moreDuplicates: p.moreDuplicates,
};

/**
 * The lead's preview of /下发: how many go out to which village, who cannot be placed (chosen
 * after 下发 on this card), who is already under management (recorded as 已管控 at once), the
 * rows pushed before in this batch and the rows with errors; 下发 / 取消.
 */
export function pushPreviewCard(input: {
  importId: number;
  batch: string;
  pushable: number;
  byVillage: { village: string; n: number }[];
  unassigned: number;
  /** Villages with rows that have no bound group: their card would reach nobody. */
  noGroup: string[];
  managed: StoredDuplicate[];
  pushedBefore: number;
  errors: StoredImportError[];
  errorRows: number;
  deadline: Date;
  timeZone: string;
}): Card {
  const counts = p.counts({ pushable: input.pushable, managed: input.managed.length, pushedBefore: input.pushedBefore, errors: input.errorRows });
  const head: CardElement[] = [plainText(counts), plainText(p.byVillage(input.byVillage, input.unassigned)), plainText(p.deadline(input.deadline, input.timeZone))];
  if (input.noGroup.length) head.push(plainText(p.noGroup(input.noGroup)));
  if (input.unassigned) head.push(plainText(p.unassignedHint(input.unassigned)));
  const decision: CardElement[] =
    input.pushable + input.managed.length > 0 ? [plainText(p.hint), decisionButtons(input.importId, { confirm: p.confirm, cancel: p.cancel })] : [plainText(p.nothing)];
  return withDetails(
    input.errors,
    input.managed,
    (details) => buildCard({ title: p.title(input.batch), color: input.pushable > 0 ? 'blue' : 'orange', elements: [...head, ...details, ...decision], summary: counts }),
    DETAILS,
  );
}

export const pushingCard = (input: { fileName: string; importable: number }): Card =>
  buildCard({ title: p.pushingTitle(input.fileName), color: 'blue', elements: [plainText(p.pushing(input.importable))] });

export const pushCancelledCard = (input: { fileName: string }): Card => buildCard({ title: p.cancelledTitle(input.fileName), color: 'grey', elements: [plainText(p.cancelled)] });

export const pushExpiredCard = (input: { fileName: string; hours: number }): Card => buildCard({ title: p.expiredTitle(input.fileName), color: 'grey', elements: [plainText(p.expired(input.hours))] });

export interface PushBatchCardInput {
  batchId: number;
  batch: string;
  deadline: Date;
  timeZone: string;
  /** Every row of the batch, with its village's name (null: unassigned). */
  rows: (PushRowView & { village: string | null })[];
  villageNames: string[];
}

function assignForm(batchId: number, r: PushRowView, villages: string[]): CardElement {
  return {
    tag: 'form',
    name: `assign_${r.id}`,
    elements: [
      plainText(pushText.village.row({ rowNo: r.rowNo, maskedName: r.maskedName, type: r.typeLabel, area: r.area, time: r.time, address: r.maskedAddress })),
      {
        tag: 'select_static',
        name: `village_${r.id}`,
        required: true,
        placeholder: { tag: 'plain_text', content: b.pickVillage },
        options: villages.map((x) => ({ text: { tag: 'plain_text', content: x }, value: x })),
      },
      { tag: 'button', name: `submit_${r.id}`, type: 'primary', text: { tag: 'plain_text', content: b.assign }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'push.forward', batchId, rowId: r.id } }] },
    ],
  };
}

function buildBatch(input: PushBatchCardInput, shownUnassigned: number): Card {
  const counts = { pending: 0, registered: 0, away: 0, managed: 0 };
  for (const r of input.rows) counts[r.status]++;
  const checked = input.rows.length - counts.pending;
  const villages = [...new Set(input.rows.flatMap((r) => (r.village ? [r.village] : [])))];
  const elements: CardElement[] = [
    plainText(`${b.progress(checked, input.rows.length)}\n${b.outcomes(counts)}`),
    plainText(villages.map((name) => {
      const of = input.rows.filter((r) => r.village === name);
      return b.village(name, of.filter((r) => r.status !== 'pending').length, of.length);
    }).join('\n') || p.nothing),
  ];
  const unassigned = input.rows.filter((r) => r.village === null && r.status === 'pending');
  if (unassigned.length) {
    elements.push(plainText(b.unassignedHeader(unassigned.length)));
    for (const r of unassigned.slice(0, shownUnassigned)) elements.push(assignForm(input.batchId, r, input.villageNames));
    if (unassigned.length > shownUnassigned) elements.push(plainText(b.moreUnassigned(unassigned.length - shownUnassigned)));
  }
  const title = b.title(input.batch, input.deadline, input.timeZone);
  return buildCard({ title, color: counts.pending ? 'orange' : 'green', elements, summary: title });
}

/** The lead's card once the list is out: progress by village and outcome, and a village to pick for each row that has none. */
export function pushBatchCard(input: PushBatchCardInput): Card {
  const unassigned = input.rows.filter((r) => r.village === null && r.status === 'pending').length;
  return buildBatch(input, mostRowsThatFit(unassigned, (n) => buildBatch(input, n)));
}
