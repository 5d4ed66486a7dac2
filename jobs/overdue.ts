import { markMissedBefore, overdueByVillage } from '../src/db/repositories/duties.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { addDays } from '../src/domain/dates';
import type { DutyKind } from '../src/domain/duties';
import { dutyStateWord } from '../src/messages/duties';
import { jobText } from '../src/messages/jobs';
import { OVERDUE_PAGE_ROWS } from '../src/cards/page-sizes';
import { villageOverdueCard } from '../src/services/overdue-cards';
import { postCard, postText } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { defineJob } from './define-job';

const KINDS: DutyKind[] = ['test', 'temp', 'visit', 'rollcall'];

/**
 * Midday and evening: what is past its window undone goes to the village group (the people
 * to act @-mentioned) and, one line per village, to HQ. What was left from earlier days is
 * marked missed (未采, 未测 …) and counted for HQ. A sampled test waiting for its result is
 * neither: the result-timeout job watches it.
 */
export const overdue = defineJob({
  name: 'overdue',
  times: (policy) => policy.schedule.overdue,
  description: 'work past its window: to the village (doctors and samplers @-mentioned) and one line per village to HQ; marks earlier days missed',
  usefulMinutes: 240,
  async run(ctx) {
    const missedBefore = await markMissedBefore(ctx.db, ctx.today);
    const byVillage = await overdueByVillage(ctx.db, { date: ctx.today, now: ctx.fire.at, perVillage: OVERDUE_PAGE_ROWS });
    const concerned = (await listVillages(ctx.db)).filter((v) => byVillage.has(v.id) || missedBefore.has(v.id));

    let villageCards = 0;
    for (const v of concerned.filter((c) => byVillage.has(c.id))) {
      const card = await villageOverdueCard(ctx.db, { villageId: v.id, villageName: v.name, date: ctx.today, now: ctx.fire.at, policy: ctx.policy, timeZone: ctx.timeZone, overdue: byVillage.get(v.id) });
      villageCards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId: v.id }), card);
    }

    const lines = concerned.map((v) => {
      const o = byVillage.get(v.id);
      const byState = KINDS.filter((k) => o?.byKind[k]).map((k) => `${dutyStateWord(k, 'missed')} ${o!.byKind[k]}`).join('、');
      return jobText.overdueHqLine({ village: v.name, overdue: o?.total ?? 0, byState, missedYesterday: missedBefore.get(v.id) ?? 0, yesterday: addDays(ctx.today, -1) });
    });
    const hqText = [jobText.overdueHqTitle(ctx.today, ctx.fire.time), ...(lines.length ? lines : [jobText.overdueHqNone])].join('\n');
    const hqMessages = await postText(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), hqText);
    const missed = [...missedBefore.values()].reduce((a, b) => a + b, 0);
    const overdueCount = [...byVillage.values()].reduce((n, v) => n + v.total, 0);
    return { overdue: overdueCount, markedMissed: missed, villageCards, hqMessages };
  },
});
