import { writeAudit } from '../src/db/repositories/audit.repository';
import { parseExtendArgs } from '../src/domain/lifecycle-args';
import { categoryByCode } from '../src/domain/policy';
import { testDates } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { replanCase } from '../src/services/replan-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /延长 #12 3 原因: more days at the end of the period (with a final test where required). */
export const extend = defineCommand({
  name: 'extend',
  aliases: ['延长', '延期'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const max = ctx.policy.lifecycle.maxExtensionDays;
    const number = await readCaseRef(ctx, argText, '延长');
    if (!number) throw new UserError(lifecycleText.usage.extend(max));
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'extend' });
    const args = parseExtendArgs(number.rest, { alreadyExtended: c.extensionDays, policy: ctx.policy });
    if (!args.ok) {
      const why = {
        no_days: `${lifecycleText.extendNoDays(max)}\n${lifecycleText.usage.extend(max)}`,
        bad_days: lifecycleText.extendBadDays(args.word ?? '', max),
        too_many_days: lifecycleText.extendTooMany(c.id, c.extensionDays, max),
        no_reason: lifecycleText.extendNoReason(c.id),
      }[args.error];
      throw new UserError(why);
    }
    const category = categoryByCode(ctx.policy, c.category);
    const extensionDays = c.extensionDays + args.value.days;
    const period = await replanCase(ctx.db, { case: c, category, startDate: c.startDate, extensionDays }, ctx);
    await writeAudit(ctx.db, {
      at: ctx.now,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      action: 'case.extend',
      caseId: c.id,
      before: { endDate: c.endDate, extensionDays: c.extensionDays },
      after: { endDate: period.endDate, extensionDays },
      reason: args.value.reason,
    });
    const finalTest = period.tests.at(-1);
    const addedTest = finalTest && finalTest.date > c.endDate ? testDates([finalTest]) : null;
    await ctx.reply(lifecycleText.extended({ id: c.id, maskedName: c.nameMasked, days: args.value.days, endDate: period.endDate, test: addedTest }));
  },
});
