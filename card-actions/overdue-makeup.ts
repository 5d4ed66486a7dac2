import { z } from 'zod';
import { confirmSampled } from '../src/services/duty-actions';
import { villageOverdueCard } from '../src/services/overdue-cards';
import { defineCardAction } from './define-card-action';
import { VillageDayValue } from './values';

/** 补采 on a row of 「逾期未完成」: the test not sampled in its window is sampled now. */
export const overdueMakeup = defineCardAction({
  action: 'overdue.makeup',
  value: VillageDayValue.extend({ dutyId: z.number().int() }),
  async run(ctx, value) {
    const outcome = await confirmSampled(ctx, value.dutyId);
    if (outcome.forbidden) return { toast: { type: 'error', content: outcome.message } };
    return {
      toast: { type: outcome.changed ? 'success' : 'warning', content: outcome.message },
      card: { type: 'raw', data: await villageOverdueCard(ctx.db, { villageId: value.villageId, date: value.date, now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone }) },
    };
  },
});
