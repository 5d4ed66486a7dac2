import { releaseCard } from '../src/lark/cards/release-card';
import { releaseText } from '../src/messages/release';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { releaseCandidates } from '../src/services/release-due';
import { defineJob } from './define-job';

/** Morning: cases whose period has ended, ready (with 解除) or held (with the reason), to each village and HQ. */
export const releaseDue = defineJob({
  name: 'release-due',
  times: (policy) => policy.schedule['release-due'],
  description: 'cases whose period has ended, split into ready (解除 button) and held (with the reason), to each village and HQ',
  usefulMinutes: 360,
  async run(ctx) {
    const candidates = await releaseCandidates(ctx.db, { date: ctx.today, policy: ctx.policy });
    let cards = 0;
    for (const villageId of [...new Set(candidates.map((c) => c.villageId))]) {
      const own = candidates.filter((c) => c.villageId === villageId);
      const card = releaseCard({ where: own[0]!.villageName, date: ctx.today, candidates: own, showVillage: false });
      cards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId }), card);
    }
    if (candidates.length) {
      cards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), releaseCard({ where: releaseText.township, date: ctx.today, candidates, showVillage: true }));
    }
    return { due: candidates.length, ready: candidates.filter((c) => c.blockers.length === 0).length, cards };
  },
});
