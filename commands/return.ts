import { writeAudit } from '../src/db/repositories/audit.repository';
import { findActiveCaseByIdHash } from '../src/db/repositories/cases.repository';
import { parseReturnArgs } from '../src/domain/lifecycle-args';
import { categoryByCode } from '../src/domain/policy';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { replanCase } from '../src/services/replan-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /返回 #12 [类别] [开始日期]: a transferred person comes home and starts a new period. */
export const returnCase = defineCommand({
  name: 'return',
  aliases: ['返回', '转回'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '返回');
    if (!number) throw new UserError(lifecycleText.usage.return);
    const args = parseReturnArgs(number.rest, { policy: ctx.policy, today: ctx.today });
    if (!args.ok) {
      const word = args.word ?? '';
      const why = { bad_word: lifecycleText.returnBadWord(word), bad_date: lifecycleText.returnBadDate(word), future_date: lifecycleText.returnFutureDate(word) }[args.error];
      throw new UserError(why);
    }
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'return' });
    const other = await findActiveCaseByIdHash(ctx.db, c.idNumberHash);
    if (other) throw new UserError(lifecycleText.returnDuplicate(c.id, other.id));
    const category = args.value.category ?? categoryByCode(ctx.policy, c.category);

    const periodNo = c.periodNo + 1;
    const reopened = { status: 'active' as const, periodNo, endedAt: null, endReason: null, endNote: null };
    const period = await replanCase(ctx.db, { case: c, category, startDate: args.value.startDate, extensionDays: 0, extra: reopened }, ctx);
    await writeAudit(ctx.db, {
      at: ctx.now,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      action: 'case.return',
      caseId: c.id,
      before: { status: c.status, endReason: c.endReason },
      after: { status: 'active', category: category.name, startDate: period.startDate, endDate: period.endDate, periodNo },
    });
    await ctx.reply(lifecycleText.returned({ id: c.id, maskedName: c.nameMasked, category: category.name, startDate: period.startDate, endDate: period.endDate, periodNo }));
  },
});
