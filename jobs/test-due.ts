import { progressByVillage } from '../src/db/repositories/duties.repository';
import { testProgressCard } from '../src/cards/test-progress-card';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { villageTestsCard } from '../src/services/village-cards';
import { defineJob } from './define-job';

/** Morning: each village with tests due gets 「今日核酸采样」; the testing task force, the progress of all. */
export const testDue = defineJob({
  name: 'test-due',
  times: (policy) => policy.schedule['test-due'],
  description: "today's sampling card to each village with tests due; township progress to the 核酸检测 task force",
  usefulMinutes: 240,
  async run(ctx) {
    const progress = await progressByVillage(ctx.db, { date: ctx.today, kind: 'test' });
    let villageCards = 0;
    for (const v of progress.filter((p) => p.open > 0)) {
      const known = { villageName: v.villageName, total: v.due };
      const card = await villageTestsCard(ctx.db, { villageId: v.villageId, date: ctx.today, page: 0, timeZone: ctx.timeZone, known });
      villageCards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId: v.villageId }), card);
    }
    let progressCards = 0;
    if (progress.length) {
      const card = testProgressCard(ctx.today, progress);
      progressCards = await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'taskforce', taskforce: ctx.policy.routing.testing }), card);
    }
    return { villages: progress.length, villageCards, progressCards };
  },
});
