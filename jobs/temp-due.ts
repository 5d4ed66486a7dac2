import { progressByVillage } from '../src/db/repositories/duties.repository';
import { currentTempSlot } from '../src/domain/duties';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { villageTempsCard } from '../src/services/village-cards';
import { defineJob } from './define-job';

/** Morning and afternoon: the temperature card of the slot open at the fire, to each village with checks due. */
export const tempDue = defineJob({
  name: 'temp-due',
  times: (policy) => policy.schedule['temp-due'],
  description: 'the temperature card of the open slot to each village with checks due',
  usefulMinutes: 120,
  async run(ctx) {
    const slot = currentTempSlot({ policy: ctx.policy, now: ctx.fire.at, timeZone: ctx.timeZone });
    const progress = await progressByVillage(ctx.db, { date: ctx.today, kind: 'temp', slot });
    let villageCards = 0;
    for (const v of progress.filter((p) => p.open > 0)) {
      const known = { villageName: v.villageName, total: v.due };
      const card = await villageTempsCard(ctx.db, { villageId: v.villageId, date: ctx.today, slot, page: 0, timeZone: ctx.timeZone, policy: ctx.policy, known });
      villageCards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId: v.villageId }), card);
    }
    return { villages: progress.filter((p) => p.open > 0).length, villageCards };
  },
});
