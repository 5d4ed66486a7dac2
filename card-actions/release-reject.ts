import { z } from 'zod';
import { Id } from './values';
import { REJECT_REASON_MAX_CHARS } from '../src/cards/release-request-card';
import { type CaseRecord, lockCase } from '../src/db/repositories/cases.repository';
import { getReleaseRequest, type ReleaseRequestRow } from '../src/db/repositories/release-requests.repository';
import { scrubText } from '../src/domain/mask';
import { canRelease } from '../src/domain/permissions';
import { releaseText } from '../src/messages/release';
import { rejectRequest, requestCard } from '../src/services/release-requests';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import { type CardActionContext, defineCardAction } from './define-card-action';

const RequestValue = z.object({ requestId: Id });

/** The request, locked with its case, if a lead may still decide it; else the toast saying why not. */
async function pendingRequest(ctx: CardActionContext, requestId: number): Promise<{ request: ReleaseRequestRow; case: CaseRecord } | CardActionResponse> {
  if (!canRelease(ctx.actor)) return { toast: { type: 'error', content: releaseText.toast.onlyLead } };
  const found = await getReleaseRequest(ctx.db, requestId);
  const c = found && (await lockCase(ctx.db, found.caseId));
  // Read again under the case's lock: a release or another 不同意 may have decided it meanwhile.
  const request = c && (await getReleaseRequest(ctx.db, requestId));
  if (!request || !c) return { toast: { type: 'warning', content: releaseText.toast.requestGone } };
  if (request.status !== 'pending') return { toast: { type: 'warning', content: releaseText.toast.decided(c.id, request.status) } };
  return { request, case: c };
}

/** 不同意 on a release request: shows the form asking the reason. */
export const releaseRejectAsk = defineCardAction({
  action: 'release.rejectAsk',
  value: RequestValue,
  async run(ctx, value) {
    const found = await pendingRequest(ctx, value.requestId);
    if (!('request' in found)) return found;
    return {
      toast: { type: 'info', content: releaseText.toast.askReason },
      card: { type: 'raw', data: requestCard(found.case, found.request, { policy: ctx.policy, askReason: true }) },
    };
  },
});

/** The reason submitted: the request is rejected, every copy of its card says so, and the proposer hears why. */
export const releaseReject = defineCardAction({
  action: 'release.reject',
  value: RequestValue,
  async run(ctx, value) {
    const found = await pendingRequest(ctx, value.requestId);
    if (!('request' in found)) return found;
    const reason = scrubText(String(ctx.formValue.reason ?? '').trim());
    if (!reason) return { toast: { type: 'error', content: releaseText.toast.noReason } };
    if (Array.from(reason).length > REJECT_REASON_MAX_CHARS) return { toast: { type: 'error', content: releaseText.toast.reasonTooLong(REJECT_REASON_MAX_CHARS) } };
    await rejectRequest(ctx.db, { request: found.request, case: found.case, by: ctx.actor.openId, chatId: ctx.chatId, reason, now: ctx.now, today: ctx.today });
    return { toast: { type: 'success', content: releaseText.toast.rejected(found.case.id) } };
  },
});
