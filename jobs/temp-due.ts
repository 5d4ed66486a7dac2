import { progressByPlace } from '../src/db/repositories/duty-days.repository';
import { currentTempSlot } from '../src/domain/duties';
import type { Place } from '../src/domain/place';
import { dayTempsCard } from '../src/services/day-cards';
import { postCard } from '../src/services/post-to-chats';
import { chatsOfPlace } from '../src/services/recipients';
import { defineJob } from './define-job';

/** Morning and afternoon: the temperature card of the slot open at the fire, to each village (and isolation point) with checks due. */
export const tempDue = defineJob({
  name: 'temp-due',
  times: (policy) => policy.schedule['temp-due'],
  description: 'the temperature card of the open slot to each village and isolation point with checks due',
  usefulMinutes: 120,
  async run(ctx) {
    const slot = currentTempSlot({ policy: ctx.policy, now: ctx.fire.at, timeZone: ctx.timeZone });
    const counts: Record<Place['kind'], { places: number; cards: number }> = { village: { places: 0, cards: 0 }, point: { places: 0, cards: 0 } };
    for (const by of ['village', 'point'] as const) {
      for (const p of (await progressByPlace(ctx.db, { by, date: ctx.today, kind: 'temp', slot })).filter((r) => r.open > 0)) {
        const known = { placeName: p.placeName, total: p.due };
        const card = await dayTempsCard(ctx.db, { place: p.place, date: ctx.today, slot, page: 0, timeZone: ctx.timeZone, policy: ctx.policy, known });
        counts[by].places++;
        counts[by].cards += await postCard(ctx.db, await chatsOfPlace(ctx.db, p.place), card);
      }
    }
    return { villages: counts.village.places, villageCards: counts.village.cards, points: counts.point.places, pointCards: counts.point.cards };
  },
});
