import { type OverdueDuty, overdueByVillage, markMissedBefore } from '../src/db/repositories/duties.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { RESAMPLE_SLOT } from '../src/domain/duties';
import type { Policy } from '../src/domain/policy';
import { overdueCard } from '../src/cards/overdue-card';
import { OVERDUE_PAGE_ROWS } from '../src/cards/page-sizes';
import { formatTime } from '../src/messages/cases';
import { jobText } from '../src/messages/jobs';
import { postCard, postText } from '../src/services/post-to-chats';
import { chatsBoundTo, doctorsOf } from '../src/services/recipients';
import { defineJob } from './define-job';

function dutyLabel(d: OverdueDuty, policy: Policy): string {
  const slotLabel = (slots: { key: string; label: string }[]) => slots.find((s) => s.key === d.slot)?.label ?? '';
  if (d.kind === 'test') return jobText.duty.test(d.day) + (d.slot === RESAMPLE_SLOT ? '（复采）' : '');
  if (d.kind === 'temp') return jobText.duty.temp(slotLabel(policy.tempSlots));
  if (d.kind === 'rollcall') return jobText.duty.rollcall(slotLabel(policy.rollCallSlots));
  return jobText.duty.visit;
}

/**
 * Midday and evening: what is past its window undone goes to the village group (its doctors
 * @-mentioned) and, one line per village, to HQ. What was left from earlier days is marked
 * missed (漏做) and counted for HQ.
 */
export const overdue = defineJob({
  name: 'overdue',
  times: (policy) => policy.schedule.overdue,
  description: 'work past its window: to the village (doctors @-mentioned) and one line per village to HQ; marks earlier days missed',
  usefulMinutes: 240,
  async run(ctx) {
    const missedBefore = await markMissedBefore(ctx.db, ctx.today);
    const byVillage = await overdueByVillage(ctx.db, { date: ctx.today, now: ctx.fire.at, perVillage: OVERDUE_PAGE_ROWS });
    const concerned = (await listVillages(ctx.db)).filter((v) => byVillage.has(v.id) || missedBefore.has(v.id));
    const villageName = new Map(concerned.map((v) => [v.id, v.name]));

    let villageCards = 0;
    for (const [villageId, { total, first }] of byVillage) {
      const card = overdueCard({
        villageName: villageName.get(villageId) ?? '',
        doctors: await doctorsOf(ctx.db, villageId),
        total,
        rows: first.map((d) => ({
          caseNo: d.caseId,
          maskedName: d.caseNameMasked,
          what: dutyLabel(d, ctx.policy),
          window: `${formatTime(d.windowStart, ctx.timeZone)}–${formatTime(d.windowEnd, ctx.timeZone)}`,
        })),
      });
      villageCards += await postCard(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId }), card);
    }

    const lines = concerned.map((v) => jobText.overdueHqLine({ village: v.name, overdue: byVillage.get(v.id)?.total ?? 0, missedYesterday: missedBefore.get(v.id) ?? 0 }));
    const hqText = [jobText.overdueHqTitle(ctx.today, ctx.fire.time), ...(lines.length ? lines : [jobText.overdueHqNone])].join('\n');
    const hqMessages = await postText(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), hqText);
    const missed = [...missedBefore.values()].reduce((a, b) => a + b, 0);
    const overdueCount = [...byVillage.values()].reduce((n, v) => n + v.total, 0);
    return { overdue: overdueCount, markedMissed: missed, villageCards, hqMessages };
  },
});
