import { parseChangeArgs } from '../src/domain/lifecycle-args';
import { startDateAfterChange } from '../src/domain/lifecycle';
import { categoryName, categoryNames } from '../src/domain/policy';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { testDates } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { replanCase } from '../src/services/replan-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /改类别 #12 居家隔离: the period continues or restarts (policy), and the duties are replanned. */
export const change = defineCommand({
  name: 'change',
  aliases: ['改类别', '变更类别', '更改类别'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const names = categoryNames(ctx.policy);
    const number = await readCaseRef(ctx, argText, '改类别');
    if (!number) throw new UserError(lifecycleText.usage.change(names));
    const args = parseChangeArgs(number.rest, ctx.policy);
    if (!args.ok) throw new UserError(args.error === 'bad_category' ? lifecycleText.changeBadCategory(args.word ?? '', names) : lifecycleText.usage.change(names));
    const { category } = args.value;
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'change' });
    if (c.category === category.code) throw new UserError(lifecycleText.changeSame(c.id, category.name));

    const startDate = startDateAfterChange({ startDate: c.startDate, today: ctx.today, policy: ctx.policy });
    const period = await replanCase(ctx.db, { case: c, category, startDate, extensionDays: c.extensionDays }, ctx);
    const before = categoryName(ctx.policy, c.category);
    await writeAudit(ctx.db, {
      at: ctx.now,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      action: 'case.change',
      caseId: c.id,
      before: { category: before, startDate: c.startDate, endDate: c.endDate },
      after: { category: category.name, startDate: period.startDate, endDate: period.endDate },
    });
    await ctx.reply(
      lifecycleText.changed({
        id: c.id,
        maskedName: c.nameMasked,
        category: category.name,
        startDate: period.startDate,
        endDate: period.endDate,
        restarted: startDate !== c.startDate,
        tests: testDates(period.tests.filter((t) => t.date >= ctx.today)),
      }),
    );
  },
});
