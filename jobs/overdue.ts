import { markMissedBefore } from '../src/db/repositories/duties.repository';
import { overdueByPlace, type PlaceOverdue } from '../src/db/repositories/duty-days.repository';
import { listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { OVERDUE_PAGE_ROWS } from '../src/cards/page-sizes';
import { addDays } from '../src/domain/dates';
import type { DutyKind } from '../src/domain/duties';
import { pointPlace, villagePlace } from '../src/domain/place';
import { dutyStateWord } from '../src/messages/duties';
import { jobText } from '../src/messages/jobs';
import { placeOverdueCard } from '../src/services/overdue-cards';
import { postCard, postText } from '../src/services/post-to-chats';
import { chatsBoundTo, chatsOfPlace } from '../src/services/recipients';
import { defineJob } from './define-job';

const KINDS: DutyKind[] = ['test', 'temp', 'visit', 'rollcall'];

const byState = (o: PlaceOverdue | undefined) => KINDS.filter((k) => o?.byKind[k]).map((k) => `${dutyStateWord(k, 'missed')} ${o!.byKind[k]}`).join('、');

/**
 * Midday and evening: what is past its window undone goes to the village group (or the
 * isolation point's), the people to act @-mentioned, and one line per place to HQ. What was
 * left from earlier days is marked missed (未采, 未测 …) and counted for HQ. A sampled test
 * waiting for its result is neither: the result-timeout job watches it.
 */
export const overdue = defineJob({
  name: 'overdue',
  times: (policy) => policy.schedule.overdue,
  description: 'work past its window: to the village or isolation point (its staff @-mentioned) and one line per place to HQ; marks earlier days missed',
  usefulMinutes: 240,
  async run(ctx) {
    const missedBefore = await markMissedBefore(ctx.db, ctx.today);
    const at = { date: ctx.today, now: ctx.fire.at, perPlace: OVERDUE_PAGE_ROWS };
    const byVillage = await overdueByPlace(ctx.db, { by: 'village', ...at });
    const byPoint = await overdueByPlace(ctx.db, { by: 'point', ...at });
    const villages = (await listVillages(ctx.db)).filter((v) => byVillage.has(v.id) || missedBefore.has(v.id));
    const points = (await listIsolationPoints(ctx.db)).filter((p) => byPoint.has(p.id));
    const card = { date: ctx.today, now: ctx.fire.at, policy: ctx.policy, timeZone: ctx.timeZone };

    let placeCards = 0;
    for (const [place, name, o] of [
      ...villages.filter((v) => byVillage.has(v.id)).map((v) => [villagePlace(v.id), v.name, byVillage.get(v.id)!] as const),
      ...points.map((p) => [pointPlace(p.id), p.name, byPoint.get(p.id)!] as const),
    ]) {
      placeCards += await postCard(ctx.db, await chatsOfPlace(ctx.db, place), await placeOverdueCard(ctx.db, { ...card, place, placeName: name, overdue: o }));
    }

    const yesterday = addDays(ctx.today, -1);
    const lines = [
      ...villages.map((v) => jobText.overdueHqLine({ village: v.name, overdue: byVillage.get(v.id)?.total ?? 0, byState: byState(byVillage.get(v.id)), missedYesterday: missedBefore.get(v.id) ?? 0, yesterday })),
      ...points.map((p) => jobText.overdueHqLine({ village: jobText.pointName(p.name), overdue: byPoint.get(p.id)!.total, byState: byState(byPoint.get(p.id)), missedYesterday: 0, yesterday })),
    ];
    const hqText = [jobText.overdueHqTitle(ctx.today, ctx.fire.time), ...(lines.length ? lines : [jobText.overdueHqNone])].join('\n');
    const hqMessages = await postText(ctx.db, await chatsBoundTo(ctx.db, { kind: 'hq' }), hqText);
    const missed = [...missedBefore.values()].reduce((a, b) => a + b, 0);
    const overdueCount = [...byVillage.values(), ...byPoint.values()].reduce((n, v) => n + v.total, 0);
    return { overdue: overdueCount, markedMissed: missed, villageCards: placeCards, hqMessages };
  },
});
