import { hasCaseAudit, writeAudit } from '../src/db/repositories/audit.repository';
import { parseReleaseArgs } from '../src/domain/lifecycle-args';
import { canRelease } from '../src/domain/permissions';
import { categoryName } from '../src/domain/policy';
import { releaseProposalCard } from '../src/cards/release-proposal-card';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { releaseCase, releaseRefusalsFor } from '../src/services/release-case';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

/**
 * /解除 #12: a lead releases a case whose period has ended with every required test negative
 * and nothing abnormal open (or overrides with 强制 and a reason); a village cadre proposes it,
 * and HQ gets the request with a 解除 button.
 */
export const release = defineCommand({
  name: 'release',
  aliases: ['解除'],
  audience: 'cadre',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    if (!number) throw new UserError(lifecycleText.usage.release);
    const args = parseReleaseArgs(number.rest);
    if (!args.ok) throw new UserError(args.error === 'force_needs_reason' ? lifecycleText.forceNeedsReason(number.id) : lifecycleText.usage.release);
    const isLead = canRelease(ctx.actor);
    if (args.value.force && !isLead) throw new UserError(lifecycleText.forceOnlyLead);
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'release' });

    if (!args.value.force) {
      const refusals = await releaseRefusalsFor(ctx.db, c, { today: ctx.today, policy: ctx.policy });
      if (refusals.length) throw new UserError(lifecycleText.cannotRelease(c.id, lifecycleText.refusals(refusals), isLead));
    }
    if (!isLead) {
      if (await hasCaseAudit(ctx.db, c.id, 'case.release_proposed')) return ctx.reply(lifecycleText.alreadyProposed(c.id));
      await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'case.release_proposed', caseId: c.id, after: { endDate: c.endDate } });
      const category = categoryName(ctx.policy, c.category);
      const card = releaseProposalCard({ id: c.id, maskedName: c.nameMasked, village: c.villageName, category, endDate: c.endDate });
      await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), card);
      return ctx.reply(lifecycleText.proposed(c.id));
    }
    const { notice } = await releaseCase(ctx.db, {
      case: c,
      forcedReason: args.value.force ? args.value.reason : null,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      now: ctx.now,
      today: ctx.today,
      policy: ctx.policy,
      cipher: ctx.cipher,
    });
    await ctx.reply(lifecycleText.released({ id: c.id, maskedName: c.nameMasked, date: ctx.today, notice }));
  },
});
