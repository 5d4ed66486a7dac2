import { progressByPlace } from '../src/db/repositories/duty-days.repository';
import { currentSlot } from '../src/domain/duties';
import { dayRollcallCard, dayVisitsCard } from '../src/services/day-cards';
import { postCard } from '../src/services/post-to-chats';
import { chatsOfPlace } from '../src/services/recipients';
import { defineJob } from './define-job';

/**
 * Mornings: each village with door visits due gets 「今日上门」, the team members whose work they
 * are @-mentioned ("包保专班应每3天上门核实1次", 004 篇四).
 */
export const visitDue = defineJob({
  name: 'visit-due',
  times: (policy) => policy.schedule['visit-due'],
  description: "today's door visits to each village with visits due, the team members @-mentioned",
  usefulMinutes: 240,
  async run(ctx) {
    let villageCards = 0;
    const due = (await progressByPlace(ctx.db, { by: 'village', date: ctx.today, kind: 'visit' })).filter((p) => p.open > 0);
    for (const p of due) {
      const card = await dayVisitsCard(ctx.db, { place: p.place, date: ctx.today, page: 0, timeZone: ctx.timeZone, policy: ctx.policy, known: { placeName: p.placeName, total: p.due } });
      villageCards += await postCard(ctx.db, await chatsOfPlace(ctx.db, p.place), card);
    }
    return { villages: due.length, villageCards };
  },
});

/**
 * At each roll-call slot (004 篇五 "每日点名不少于三次"): the slot's card to each village with
 * people to call, the team members whose work it is @-mentioned.
 */
export const rollcallDue = defineJob({
  name: 'rollcall-due',
  times: (policy) => policy.schedule['rollcall-due'],
  description: 'the roll call of the slot open now to each village with people to call, the team members @-mentioned',
  usefulMinutes: 90,
  async run(ctx) {
    const slot = currentSlot({ slots: ctx.policy.rollCallSlots, now: ctx.fire.at, timeZone: ctx.timeZone });
    let villageCards = 0;
    const due = (await progressByPlace(ctx.db, { by: 'village', date: ctx.today, kind: 'rollcall', slot })).filter((p) => p.open > 0);
    for (const p of due) {
      const card = await dayRollcallCard(ctx.db, { place: p.place, date: ctx.today, slot, page: 0, timeZone: ctx.timeZone, policy: ctx.policy, known: { placeName: p.placeName, total: p.due } });
      villageCards += await postCard(ctx.db, await chatsOfPlace(ctx.db, p.place), card);
    }
    return { villages: due.length, villageCards };
  },
});
