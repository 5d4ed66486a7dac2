import { z } from 'zod';
import { canSeeCards } from '../src/domain/permissions';
import { placeOfValue } from '../src/domain/place';
import { dutyText } from '../src/messages/duties';
import { dayRollcallCard, dayTempsCard, dayTestsCard, dayVisitsCard } from '../src/services/day-cards';
import { defineCardAction } from './define-card-action';
import { placeDayValue, Slot } from './values';

/** 上一页 / 下一页 on a day card: shows another slice, changes nothing. */
export const cardPage = defineCardAction({
  action: 'card.page',
  value: placeDayValue({ card: z.enum(['tests', 'temps', 'visits', 'rollcalls']), slot: Slot.optional() }),
  async run(ctx, value) {
    const place = placeOfValue(value);
    if (!canSeeCards(ctx.actor, place)) return { toast: { type: 'error', content: dutyText.toast.onlyVillageStaff } };
    const day = { place, date: value.date, page: value.page, timeZone: ctx.timeZone, policy: ctx.policy };
    const slot = value.slot ?? '';
    const data =
      value.card === 'tests'
        ? await dayTestsCard(ctx.db, day)
        : value.card === 'temps'
          ? await dayTempsCard(ctx.db, { ...day, slot })
          : value.card === 'visits'
            ? await dayVisitsCard(ctx.db, day)
            : await dayRollcallCard(ctx.db, { ...day, slot });
    return { card: { type: 'raw', data } };
  },
});
