import type { IsoDate } from '../domain/dates';
import { releaseText } from '../messages/release';
import type { ReleaseCandidate, ReleaseList } from '../services/release-due';
import { buildCard, button, type Card, type CardElement, plainText, row } from './card';
import { contentColor } from './card-color';

/**
 * 「到期解除」: who may be released (with 解除 for a lead) and who is held, and why; the list's
 * first rows (RELEASE_PAGE_ROWS at most, page-sizes.ts), then how many more.
 */
export function releaseCard(input: { where: string; date: IsoDate; list: ReleaseList; showVillage: boolean }): Card {
  const { list } = input;
  const shown = list.first;
  const ready = shown.filter((c) => c.blockers.length === 0);
  const held = shown.filter((c) => c.blockers.length > 0);
  const label = (c: ReleaseCandidate) =>
    releaseText.row({ caseNo: c.id, maskedName: c.maskedName, village: input.showVillage ? c.villageName : undefined, category: c.categoryName, endDate: c.endDate });
  const elements: CardElement[] = [];
  if (list.ready) {
    elements.push(plainText(releaseText.ready(list.ready)));
    for (const c of ready) elements.push(row(label(c), [button(releaseText.button, { action: 'case.release', caseId: c.id }, 'primary')]));
  }
  if (list.held) {
    elements.push(plainText(releaseText.pending(list.held)));
    for (const c of held) elements.push(plainText(`${label(c)} — ${releaseText.blockers(c.blockers)}`));
  }
  const hidden = list.ready + list.held - shown.length;
  if (hidden > 0) elements.push(plainText(releaseText.more(hidden)));
  const title = releaseText.title(input.where, input.date);
  // Everyone on it waits for a decision (解除) or for what holds them: that is work, not "all fine".
  return buildCard({ title, color: contentColor({ alerts: 0, work: list.ready + list.held }), elements, summary: title });
}
