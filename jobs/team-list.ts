import { teamListCard } from '../src/cards/team-list-card';
import { listHolders } from '../src/db/repositories/role-grants.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { formatDate } from '../src/messages/cases';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { teamListRows } from '../src/services/team-list';
import { defineJob } from './define-job';

/**
 * 09:00: each village's 二包一 list — who is under management and who guarantees each — to
 * the village group, privately to its 挂村领导, and to the medical monitoring group ("每日9:00时
 * 推送至各挂村领导及各村，同时推送给医疗监测组按时上门核酸", 004 篇二).
 */
export const teamList = defineJob({
  name: 'team-list',
  times: (policy) => policy.schedule['team-list'],
  description: "each village's 二包一 list (masked, with each case's team) to the village group, its 挂村领导 privately and the medical monitoring group",
  usefulMinutes: 180,
  async run(ctx) {
    const monitoring = await chatsBoundTo(ctx.db, { kind: 'taskforce', taskforce: ctx.policy.routing.monitoring });
    let villages = 0;
    let cards = 0;
    for (const v of await listVillages(ctx.db)) {
      const rows = await teamListRows(ctx.db, { villageId: v.id, today: ctx.today, policy: ctx.policy });
      if (rows.length === 0) continue;
      villages++;
      const card = teamListCard({ villageName: v.name, date: formatDate(ctx.today), rows });
      cards += await postCard(ctx.db, [...(await chatsBoundTo(ctx.db, { kind: 'village', villageId: v.id })), ...monitoring], card);
      for (const leader of await listHolders(ctx.db, { role: 'village_leader', villageId: v.id })) {
        await enqueueOutbound(ctx.db, { kind: 'send', receiveIdType: 'open_id', receiveId: leader, msgType: 'interactive', content: JSON.stringify(card) });
        cards++;
      }
    }
    return { villages, cards };
  },
});
