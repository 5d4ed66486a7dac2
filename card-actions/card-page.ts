import { z } from 'zod';
import { villageTempsCard, villageTestsCard } from '../src/services/village-cards';
import { defineCardAction } from './define-card-action';
import { VillageDayValue } from './values';

/** 上一页 / 下一页 on a village-day card: shows another slice, changes nothing. */
export const cardPage = defineCardAction({
  action: 'card.page',
  value: VillageDayValue.extend({ card: z.enum(['tests', 'temps']), slot: z.string().optional() }),
  async run(ctx, value) {
    const data =
      value.card === 'tests'
        ? await villageTestsCard(ctx.db, { ...value, timeZone: ctx.timeZone })
        : await villageTempsCard(ctx.db, { ...value, slot: value.slot ?? '', timeZone: ctx.timeZone, policy: ctx.policy });
    return { card: { type: 'raw', data } };
  },
});
