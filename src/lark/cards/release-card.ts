import type { IsoDate } from '../../domain/dates';
import { maskName } from '../../domain/mask';
import { releaseText } from '../../messages/release';
import type { ReleaseCandidate } from '../../services/release-due';
import { buildCard, button, type Card, type CardElement, plainText, row } from './card';

// Lark refuses cards over 30 KB: this many rows, then how many more.
const ROWS_PER_CARD = 30;

/** 「到期解除」: who may be released (with 解除 for a lead) and who is held, and why. */
export function releaseCard(input: { where: string; date: IsoDate; candidates: ReleaseCandidate[]; showVillage: boolean }): Card {
  const ready = input.candidates.filter((c) => c.blockers.length === 0);
  const held = input.candidates.filter((c) => c.blockers.length > 0);
  const label = (c: ReleaseCandidate) =>
    releaseText.row({ caseNo: c.id, maskedName: maskName(c.name), village: input.showVillage ? c.villageName : undefined, category: c.categoryName, endDate: c.endDate });
  const elements: CardElement[] = [];
  let shown = 0;
  const fits = () => shown++ < ROWS_PER_CARD;
  if (ready.length) {
    elements.push(plainText(releaseText.ready(ready.length)));
    for (const c of ready.filter(fits)) elements.push(row(label(c), [button(releaseText.button, { action: 'case.proposeRelease', caseId: c.id }, 'primary')]));
  }
  if (held.length) {
    elements.push(plainText(releaseText.pending(held.length)));
    for (const c of held.filter(fits)) elements.push(plainText(`${label(c)} — ${releaseText.blockers(c.blockers)}`));
  }
  const hidden = input.candidates.length - Math.min(input.candidates.length, ROWS_PER_CARD);
  if (hidden > 0) elements.push(plainText(releaseText.more(hidden)));
  const title = releaseText.title(input.where, input.date);
  return buildCard({ title, color: 'green', elements, summary: title });
}
