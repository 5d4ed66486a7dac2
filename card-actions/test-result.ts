import { z } from 'zod';
import { confirmResult } from '../src/services/duty-actions';
import { villageTestsCard } from '../src/services/village-cards';
import { defineCardAction } from './define-card-action';
import { VillageDayValue } from './values';

/** 阴性 / 阳性 / 无效 on a sampled row. */
export const testResult = defineCardAction({
  action: 'test.result',
  value: VillageDayValue.extend({ dutyId: z.number().int(), result: z.enum(['negative', 'positive', 'invalid']) }),
  async run(ctx, value) {
    const outcome = await confirmResult(ctx, value.dutyId, value.result);
    return {
      toast: { type: !outcome.changed ? 'warning' : outcome.abnormal ? 'error' : 'success', content: outcome.message },
      card: { type: 'raw', data: await villageTestsCard(ctx.db, { ...value, timeZone: ctx.timeZone }) },
    };
  },
});
