import { parseReleaseArgs } from '../src/domain/lifecycle-args';
import { canForceRelease, canRelease } from '../src/domain/permissions';
import { categoryByCode } from '../src/domain/policy';
import { lifecycleText } from '../src/messages/lifecycle';
import { releaseText } from '../src/messages/release';
import { caseForAction } from '../src/services/case-for-action';
import { releaseCase, releaseRefusalsFor } from '../src/services/release-case';
import { proposeRelease } from '../src/services/release-requests';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/**
 * /解除 #12: a lead releases a case whose category's release rules hold (docs/release.md), or
 * overrides them with 强制 and a reason; a village cadre's /解除 is a request to HQ, whose card
 * has 解除 and 不同意. A ledger entry (其他来返) is never released: its negative test closes it.
 */
export const release = defineCommand({
  name: 'release',
  aliases: ['解除'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '解除');
    if (!number) throw new UserError(lifecycleText.usage.release);
    const args = parseReleaseArgs(number.rest);
    if (!args.ok) {
      throw new UserError(args.error === 'force_needs_reason' ? lifecycleText.forceNeedsReason(number.id) : releaseText.unexpectedWord(args.word ?? '', lifecycleText.usage.release));
    }
    const isLead = canRelease(ctx.actor);
    if (args.value.force && !canForceRelease(ctx.actor)) throw new UserError(lifecycleText.forceOnlyLead);
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'release' });

    const refusals = await releaseRefusalsFor(ctx.db, c, { today: ctx.today, policy: ctx.policy });
    if (refusals.some((r) => r.kind === 'ledger')) throw new UserError(releaseText.ledgerNoRelease(c.id, categoryByCode(ctx.policy, c.category).name));
    if (!args.value.force && refusals.length) throw new UserError(lifecycleText.cannotRelease(c.id, lifecycleText.refusals(refusals), isLead));
    if (!isLead) {
      const proposal = await proposeRelease(ctx.db, { case: c, proposedBy: ctx.actor.openId, chatId: ctx.chat.chatId, now: ctx.now, policy: ctx.policy });
      return ctx.reply(proposal.kind === 'already' ? lifecycleText.alreadyProposed(c.id) : lifecycleText.proposed(c.id));
    }
    const { notice } = await releaseCase(ctx.db, {
      case: c,
      forcedReason: args.value.force ? args.value.reason : null,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      now: ctx.now,
      today: ctx.today,
      policy: ctx.policy,
      timeZone: ctx.timeZone,
      cipher: ctx.cipher,
    });
    await ctx.reply(lifecycleText.released({ id: c.id, maskedName: c.nameMasked, date: ctx.today, notice }));
  },
});
