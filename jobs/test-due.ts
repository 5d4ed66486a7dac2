import { progressByPlace } from '../src/db/repositories/duty-days.repository';
import { testProgressCard } from '../src/cards/test-progress-card';
import { jobText } from '../src/messages/jobs';
import { dayTestsCard } from '../src/services/day-cards';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo, chatsOfPlace } from '../src/services/recipients';
import { defineJob } from './define-job';

/**
 * Morning: each village (and isolation point) with tests due gets 「今日核酸采样」; the testing
 * task force, the progress of all.
 */
export const testDue = defineJob({
  name: 'test-due',
  times: (policy) => policy.schedule['test-due'],
  description: "today's sampling card to each village and isolation point with tests due; township progress to the 核酸检测 task force",
  usefulMinutes: 240,
  async run(ctx) {
    const villages = await progressByPlace(ctx.db, { by: 'village', date: ctx.today, kind: 'test' });
    const points = await progressByPlace(ctx.db, { by: 'point', date: ctx.today, kind: 'test' });
    let villageCards = 0;
    let pointCards = 0;
    for (const p of [...villages, ...points].filter((r) => r.open > 0)) {
      const card = await dayTestsCard(ctx.db, { place: p.place, date: ctx.today, page: 0, timeZone: ctx.timeZone, known: { placeName: p.placeName, total: p.due } });
      const sent = await postCard(ctx.db, await chatsOfPlace(ctx.db, p.place), card);
      if (p.place.kind === 'village') villageCards += sent;
      else pointCards += sent;
    }
    let progressCards = 0;
    if (villages.length || points.length) {
      const lines = [...villages, ...points.map((p) => ({ ...p, placeName: jobText.pointName(p.placeName) }))];
      progressCards = await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'taskforce', taskforce: ctx.policy.routing.testing }), testProgressCard(ctx.today, lines));
    }
    return { villages: villages.length, villageCards, points: points.length, pointCards, progressCards };
  },
});
