import { currentTempSlot } from '../src/domain/duties';
import { canActForVillage, isTownshipWide } from '../src/domain/permissions';
import { dutyText } from '../src/messages/duties';
import { findVillageOrRefuse } from '../src/services/find-village';
import { villageTempsCard, villageTestsCard } from '../src/services/village-cards';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

/** /今日 — today's test card and the current temperature card of the village. */
export const today = defineCommand({
  name: 'today',
  aliases: ['今日', '今天'],
  audience: 'cadre',
  async run(ctx, argText) {
    const binding = ctx.chat.binding;
    const named = argText.trim();
    let villageId: number;
    if (named) {
      const v = await findVillageOrRefuse(ctx.db, named);
      if (!isTownshipWide(ctx.actor) && !ctx.actor.isSampler && !canActForVillage(ctx.actor, v.id)) throw new UserError(dutyText.toast.onlyVillageStaff);
      villageId = v.id;
    } else if (binding?.kind === 'village') villageId = binding.villageId;
    else if (ctx.actor.doctorOf.length === 1) villageId = ctx.actor.doctorOf[0]!;
    else throw new UserError(dutyText.todayUsage);
    const slot = currentTempSlot({ policy: ctx.policy, now: ctx.now, timeZone: ctx.timeZone });
    const common = { villageId, date: ctx.today, page: 0, timeZone: ctx.timeZone };
    await ctx.replyCard(await villageTestsCard(ctx.db, common));
    await ctx.replyCard(await villageTempsCard(ctx.db, { ...common, slot, policy: ctx.policy }));
  },
});
