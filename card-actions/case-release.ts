import { z } from 'zod';
import { Id } from './values';
import { lockCase } from '../src/db/repositories/cases.repository';
import { canRelease } from '../src/domain/permissions';
import { caseText } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { releaseText } from '../src/messages/release';
import { releaseCase, releaseRefusalsFor } from '../src/services/release-case';
import { defineCardAction } from './define-card-action';

/** 解除 on 「到期解除」 or on a village's 解除申请: a lead releases the case if the rules allow. */
export const caseRelease = defineCardAction({
  action: 'case.release',
  value: z.object({ caseId: Id }),
  async run(ctx, value) {
    if (!canRelease(ctx.actor)) return { toast: { type: 'error', content: releaseText.toast.onlyLead } };
    const c = await lockCase(ctx.db, value.caseId);
    if (!c || c.status !== 'active') return { toast: { type: 'warning', content: releaseText.toast.notActive(value.caseId, caseText.status[c?.status ?? 'closed']) } };
    const refusals = await releaseRefusalsFor(ctx.db, c, { today: ctx.today, policy: ctx.policy });
    if (refusals.length) return { toast: { type: 'warning', content: releaseText.toast.notReady(c.id, lifecycleText.refusalsInline(refusals)) } };
    const { notice } = await releaseCase(ctx.db, {
      case: c,
      forcedReason: null,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chatId,
      now: ctx.now,
      today: ctx.today,
      policy: ctx.policy,
      timeZone: ctx.timeZone,
      cipher: ctx.cipher,
    });
    return { toast: { type: 'success', content: releaseText.toast.released(c.id, c.nameMasked, notice?.title ?? null) } };
  },
});
