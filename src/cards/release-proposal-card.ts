import type { IsoDate } from '../domain/dates';
import { lifecycleText } from '../messages/lifecycle';
import { releaseText } from '../messages/release';
import { buildCard, button, type Card, row } from './card';

/** A village's request to release one case, sent to HQ with 解除 for a lead. */
export function releaseProposalCard(input: { id: number; maskedName: string; village: string; category: string; endDate: IsoDate }): Card {
  const line = lifecycleText.proposalLine({ id: input.id, maskedName: input.maskedName, village: input.village, category: input.category, endDate: input.endDate });
  const title = lifecycleText.proposalTitle(input.id);
  return buildCard({ title, color: 'green', summary: title, elements: [row(line, [button(releaseText.button, { action: 'case.release', caseId: input.id }, 'primary')])] });
}
