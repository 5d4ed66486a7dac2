import type { ReleaseRequestRow } from '../db/repositories/release-requests.repository';
import type { IsoDate } from '../domain/dates';
import { lifecycleText } from '../messages/lifecycle';
import { releaseText } from '../messages/release';
import { buildCard, button, type Card, type CardElement, markdown, plainText, row } from './card';

/** Longest reason a lead may give for 不同意 (it is repeated to the proposer). */
export const REJECT_REASON_MAX_CHARS = 100;

export interface ReleaseRequestCardInput {
  request: Pick<ReleaseRequestRow, 'id' | 'caseId' | 'proposedBy' | 'status' | 'decidedBy' | 'reason'>;
  maskedName: string;
  village: string;
  /** Shown while it waits (a decided card is patched where the policy is not at hand, and needs it no more). */
  category?: string;
  endDate: IsoDate;
  /** The day it was decided (when it is), and the case's state when it was cancelled. */
  decidedOn?: IsoDate;
  caseStatus?: string;
  /** Show the form for the reason of 不同意 (after 不同意 was pressed). */
  askReason?: boolean;
}

function rejectForm(requestId: number): CardElement {
  return {
    tag: 'form',
    name: 'reject',
    elements: [
      {
        tag: 'input',
        name: 'reason',
        required: true,
        label: { tag: 'plain_text', content: releaseText.request.reasonLabel },
        placeholder: { tag: 'plain_text', content: releaseText.request.reasonPlaceholder },
        max_length: REJECT_REASON_MAX_CHARS,
      },
      {
        tag: 'button',
        name: 'submit',
        type: 'danger',
        text: { tag: 'plain_text', content: releaseText.request.submitReject },
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value: { action: 'release.reject', requestId } }],
      },
    ],
  };
}

function outcomeLine(input: ReleaseRequestCardInput): string {
  const { request } = input;
  const on = input.decidedOn!;
  if (request.status === 'approved') return releaseText.request.approvedLine(on);
  if (request.status === 'rejected') return releaseText.request.rejectedLine(on, request.reason ?? '');
  return releaseText.request.cancelledLine(on, input.caseStatus ?? '');
}

/**
 * A village's request to release one case, sent to HQ: 解除 and 不同意 (which asks the reason)
 * while it waits; once decided, what happened and who, without buttons, on every copy.
 */
export function releaseRequestCard(input: ReleaseRequestCardInput): Card {
  const { request } = input;
  const line = lifecycleText.proposalLine({ id: request.caseId, maskedName: input.maskedName, village: input.village, category: request.status === 'pending' ? input.category : undefined, endDate: input.endDate });
  const proposer = markdown(releaseText.request.proposedBy(request.proposedBy));
  if (request.status !== 'pending') {
    const what = releaseText.request.what[request.status];
    const title = releaseText.request.decidedTitle(request.caseId, what);
    const elements = [plainText(line), proposer, plainText(outcomeLine(input)), ...(request.decidedBy ? [markdown(releaseText.request.decidedBy(request.decidedBy))] : [])];
    return buildCard({ title, color: request.status === 'approved' ? 'green' : 'grey', summary: title, elements });
  }
  const release = button(releaseText.button, { action: 'case.release', caseId: request.caseId }, 'primary');
  const reject = button(releaseText.request.reject, { action: 'release.rejectAsk', requestId: request.id }, 'danger');
  const title = lifecycleText.proposalTitle(request.caseId);
  const elements = input.askReason ? [row(line, [release]), proposer, rejectForm(request.id)] : [row(line, [release, reject]), proposer];
  // Waiting for HQ's decision is work.
  return buildCard({ title, color: 'orange', summary: title, elements });
}
