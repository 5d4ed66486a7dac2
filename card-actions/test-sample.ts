import { confirmSampled } from '../src/services/duty-actions';
import { defineCardAction } from './define-card-action';
import { testsCardAnswer } from './tests-card-answer';
import { Id, placeDayValue } from './values';

/** 已采样 on one row of 「今日核酸采样」. */
export const testSample = defineCardAction({
  action: 'test.sample',
  value: placeDayValue({ dutyId: Id }),
  run: async (ctx, value) => testsCardAnswer(ctx, value, await confirmSampled(ctx, value.dutyId)),
});
