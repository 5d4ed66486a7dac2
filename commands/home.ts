import { getIsolationPoint } from '../src/db/repositories/isolation-points.repository';
import { startDateAfterChange } from '../src/domain/lifecycle';
import { categoryByCode, findCategory } from '../src/domain/policy';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { moveCaseHome } from '../src/services/move-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/**
 * /转回居家 #12 [类别]: a person at an isolation point comes back to the village before the end
 * of the point's period (e.g. allowed home as one of the "五类特殊人员", 002 篇5): the case goes on
 * under the category given (the policy's home category by default), counted as /改类别 counts.
 */
export const home = defineCommand({
  name: 'home',
  aliases: ['转回居家', '转回', '回家隔离'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '转回居家');
    if (!number) throw new UserError(lifecycleText.homeUsage);
    const homeCategories = ctx.policy.categories.filter((c) => c.phases.every((p) => p.managedAt === 'village'));
    const word = number.rest.join('');
    const named = word ? findCategory(ctx.policy, word) : null;
    if (word && (!named || !homeCategories.includes(named))) throw new UserError(lifecycleText.homeBadCategory(word, homeCategories.map((c) => c.name)));
    const code = named?.code ?? ctx.policy.lifecycle.homeCategory;
    if (!code) throw new UserError(lifecycleText.homeNeedsCategory);
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'change' });
    if (c.isolationPointId === null) throw new UserError(lifecycleText.homeNotAtPoint(c.id));
    const point = await getIsolationPoint(ctx.db, c.isolationPointId);
    const category = categoryByCode(ctx.policy, code);
    const period = await moveCaseHome(
      { db: ctx.db, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, policy: ctx.policy, timeZone: ctx.timeZone, today: ctx.today, now: ctx.now },
      { case: c, pointName: point?.name ?? '', category, startDate: startDateAfterChange({ startDate: c.startDate, today: ctx.today, policy: ctx.policy }), reason: null },
    );
    await ctx.reply(lifecycleText.backHome({ id: c.id, maskedName: c.nameMasked, village: c.villageName, point: point?.name ?? '', category: category.name, endDate: period.endDate }));
  },
});
