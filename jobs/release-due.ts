import { RELEASE_PAGE_ROWS } from '../src/cards/page-sizes';
import { releaseCard } from '../src/cards/release-card';
import { releaseText } from '../src/messages/release';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { releaseLists } from '../src/services/release-due';
import { defineJob } from './define-job';

/** Morning: cases whose period has ended, ready (with 解除) or held (with the reason), to each village and HQ. */
export const releaseDue = defineJob({
  name: 'release-due',
  times: (policy) => policy.schedule['release-due'],
  description: 'cases whose period has ended, split into ready (解除 button) and held (with the reason), to each village and HQ',
  usefulMinutes: 360,
  async run(ctx) {
    const { township, byVillage } = await releaseLists(ctx.db, { date: ctx.today, policy: ctx.policy, perList: RELEASE_PAGE_ROWS });
    let cards = 0;
    for (const [villageId, list] of byVillage) {
      const card = releaseCard({ where: list.first[0]!.villageName, date: ctx.today, list, showVillage: false });
      cards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId }), card);
    }
    const due = township.ready + township.held;
    if (due) {
      cards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), releaseCard({ where: releaseText.township, date: ctx.today, list: township, showVillage: true }));
    }
    return { due, ready: township.ready, cards };
  },
});
