import { type ResultTimeout, takeResultTimeouts } from '../src/db/repositories/result-timeouts.repository';
import { getVillagesByIds } from '../src/db/repositories/villages.repository';
import { buildCard, plainText } from '../src/cards/card';
import { formatDateTime } from '../src/messages/cases';
import { dutyText } from '../src/messages/duties';
import { jobText } from '../src/messages/jobs';
import { postCard } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { defineJob } from './define-job';

// A card lists this many, then says how many more (Lark refuses cards over its size).
const ROWS_PER_CARD = 30;

function line(t: ResultTimeout, timeZone: string): string {
  return jobText.resultTimeoutRow({ caseNo: t.caseId, maskedName: t.caseNameMasked, day: t.day, slot: t.slot ? (dutyText.rowSlot[t.slot] ?? '') : '', sampledAt: formatDateTime(t.sampledAt, timeZone) });
}

/**
 * A sampled test whose result did not come back within the policy's hours (004 篇四: "一般在24小时内
 * 报告") is 结果超时: announced once to its village and to the testing task force, which chases
 * the lab. Waiting within the hours is not late work: nothing is said about it.
 */
export const resultTimeout = defineJob({
  name: 'result-timeout',
  times: (policy) => policy.schedule['result-timeout'],
  description: 'sampled tests without a result past the deadline (结果超时): to the village and the 核酸检测 task force, once each',
  // It fires every few hours: a missed fire is soon covered by the next one.
  usefulMinutes: 90,
  async run(ctx) {
    const late = await takeResultTimeouts(ctx.db, { now: ctx.fire.at, policy: ctx.policy });
    if (late.length === 0) return { resultTimeouts: 0, villageCards: 0, taskforceCards: 0 };
    const byVillage = new Map<number, ResultTimeout[]>();
    for (const t of late) byVillage.set(t.villageId, [...(byVillage.get(t.villageId) ?? []), t]);
    const names = new Map((await getVillagesByIds(ctx.db, [...byVillage.keys()])).map((v) => [v.id, v.name]));
    const card = (title: string, rows: string[]) =>
      buildCard({
        title,
        color: 'orange',
        summary: title,
        elements: [plainText(jobText.resultTimeoutIntro(ctx.policy.results.deadlineHours)), ...rows.slice(0, ROWS_PER_CARD).map(plainText), ...(rows.length > ROWS_PER_CARD ? [plainText(jobText.overdueMore(rows.length - ROWS_PER_CARD))] : [])],
      });

    let villageCards = 0;
    for (const [villageId, items] of byVillage) {
      const title = jobText.resultTimeoutTitle(names.get(villageId) ?? '', items.length);
      villageCards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId }), card(title, items.map((t) => line(t, ctx.timeZone))));
    }
    const township = [...byVillage].flatMap(([villageId, items]) => items.map((t) => `${names.get(villageId) ?? ''} ${line(t, ctx.timeZone)}`));
    const taskforceCards = await postCard(
      ctx.db,
      await chatsBoundTo(ctx.db, { kind: 'taskforce', taskforce: ctx.policy.routing.testing }),
      card(jobText.resultTimeoutTitle(jobText.township, late.length), township),
    );
    return { resultTimeouts: late.length, villageCards, taskforceCards };
  },
});
