import type { Card } from '../cards/card';
import { releaseRequestCard } from '../cards/release-request-card';
import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { type CaseRecord, type CaseStatus, getCase } from '../db/repositories/cases.repository';
import {
  decideRequest,
  insertReleaseRequest,
  pendingRequestOf,
  type ReleaseRequestRow,
  setRequestCards,
} from '../db/repositories/release-requests.repository';
import type { IsoDate } from '../domain/dates';
import { categoryName, type Policy } from '../domain/policy';
import { caseText } from '../messages/cases';
import { releaseText } from '../messages/release';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { postText } from './post-to-chats';
import { chatsBoundTo } from './recipients';

/** The request card as it stands for `request`, for case `c`. */
export function requestCard(c: CaseRecord, request: ReleaseRequestRow, input: { policy?: Policy; decidedOn?: IsoDate; askReason?: boolean }): Card {
  return releaseRequestCard({
    request,
    maskedName: c.nameMasked,
    village: c.villageName,
    category: input.policy ? categoryName(input.policy, c.category) : undefined,
    endDate: c.endDate,
    decidedOn: input.decidedOn,
    caseStatus: caseText.status[c.status],
    askReason: input.askReason,
  });
}

/**
 * A cadre's /解除 of a case whose rules hold: a request to HQ, whose card (解除, 不同意) goes to
 * every HQ group, each copy kept so a decision shows on all. One request waits per case.
 */
export async function proposeRelease(
  db: Database,
  input: { case: CaseRecord; proposedBy: string; chatId: string; now: Date; policy: Policy },
): Promise<{ kind: 'proposed' } | { kind: 'already'; request: ReleaseRequestRow }> {
  const c = input.case;
  const waiting = await pendingRequestOf(db, c.id);
  if (waiting) return { kind: 'already', request: waiting };
  const request = await insertReleaseRequest(db, { caseId: c.id, proposedBy: input.proposedBy, proposedAt: input.now, chatId: input.chatId });
  await writeAudit(db, { at: input.now, actorOpenId: input.proposedBy, chatId: input.chatId, action: 'case.release_proposed', caseId: c.id, after: { requestId: request.id, endDate: c.endDate } });
  const content = JSON.stringify(requestCard(c, request, { policy: input.policy }));
  const copies: { outboxId: number; chatId: string }[] = [];
  for (const chatId of await chatsBoundTo(db, { kind: 'hq' })) {
    copies.push({ outboxId: await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'interactive', content }), chatId });
  }
  await setRequestCards(db, request.id, copies);
  return { kind: 'proposed' };
}

/** Patches every posted copy of a decided request's card (each after its send, through the outbox). */
async function patchCopies(db: Database, request: ReleaseRequestRow, card: Card): Promise<void> {
  const content = JSON.stringify(card);
  for (const copy of request.cardCopies) await enqueueOutbound(db, { kind: 'patch', chatId: copy.chatId, outboxId: copy.outboxId, content });
}

/**
 * The case left management (endCase): its waiting request is approved when it was released —
 * by the request's card, a lead's /解除 or the release-due card — and cancelled otherwise; every
 * copy of its card then says so, without buttons.
 */
export async function settleReleaseRequest(db: Database, input: { caseId: number; status: Exclude<CaseStatus, 'active'>; by: string; at: Date; today: IsoDate }): Promise<void> {
  const waiting = await pendingRequestOf(db, input.caseId);
  if (!waiting) return;
  const decided = await decideRequest(db, waiting.id, { status: input.status === 'released' ? 'approved' : 'cancelled', by: input.by, at: input.at, reason: null });
  const c = await getCase(db, input.caseId);
  if (decided && c) await patchCopies(db, decided, requestCard(c, decided, { decidedOn: input.today }));
}

/**
 * 不同意: HQ rejects the request with a reason (masked free text). Every copy of the card says so
 * without buttons, and the proposer is answered in the chat they proposed from. Audited.
 */
export async function rejectRequest(
  db: Database,
  input: { request: ReleaseRequestRow; case: CaseRecord; by: string; chatId: string | null; reason: string; now: Date; today: IsoDate },
): Promise<boolean> {
  const decided = await decideRequest(db, input.request.id, { status: 'rejected', by: input.by, at: input.now, reason: input.reason });
  if (!decided) return false;
  const c = input.case;
  await writeAudit(db, { at: input.now, actorOpenId: input.by, chatId: input.chatId, action: 'case.release_rejected', caseId: c.id, after: { requestId: decided.id }, reason: input.reason });
  await patchCopies(db, decided, requestCard(c, decided, { decidedOn: input.today }));
  if (decided.chatId) {
    await postText(db, [decided.chatId], releaseText.rejectedAnswer({ proposer: decided.proposedBy, caseNo: c.id, maskedName: c.nameMasked, reason: input.reason }));
  }
  return true;
}
