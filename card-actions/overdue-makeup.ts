import { placeOfValue } from '../src/domain/place';
import { confirmSampled } from '../src/services/duty-actions';
import { placeOverdueCard } from '../src/services/overdue-cards';
import { defineCardAction } from './define-card-action';
import { Id, placeDayValue } from './values';

/** 补采 on a row of 「逾期未完成」: the test not sampled in its window is sampled now. */
export const overdueMakeup = defineCardAction({
  action: 'overdue.makeup',
  value: placeDayValue({ dutyId: Id }),
  async run(ctx, value) {
    const outcome = await confirmSampled(ctx, value.dutyId);
    if (outcome.forbidden) return { toast: { type: 'error', content: outcome.message } };
    return {
      toast: { type: outcome.changed ? 'success' : 'warning', content: outcome.message },
      card: { type: 'raw', data: await placeOverdueCard(ctx.db, { place: placeOfValue(value), date: value.date, now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone }) },
    };
  },
});
