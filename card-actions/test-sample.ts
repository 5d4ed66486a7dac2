import { z } from 'zod';
import { confirmSampled } from '../src/services/duty-actions';
import { villageTestsCard } from '../src/services/village-cards';
import { defineCardAction } from './define-card-action';
import { VillageDayValue } from './values';

/** 已采样 on one row of 「今日核酸采样」. */
export const testSample = defineCardAction({
  action: 'test.sample',
  value: VillageDayValue.extend({ dutyId: z.number().int() }),
  async run(ctx, value) {
    const outcome = await confirmSampled(ctx, value.dutyId);
    return {
      toast: { type: outcome.changed ? 'success' : 'warning', content: outcome.message },
      card: { type: 'raw', data: await villageTestsCard(ctx.db, { ...value, timeZone: ctx.timeZone }) },
    };
  },
});
