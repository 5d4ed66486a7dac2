import { z } from 'zod';
import { TEST_RESULTS } from '../src/domain/duties';
import { confirmResult } from '../src/services/duty-actions';
import { defineCardAction } from './define-card-action';
import { testsCardAnswer } from './tests-card-answer';
import { Id, placeDayValue } from './values';

/** 阴性 / 阳性 / 无效 on a sampled row. */
export const testResult = defineCardAction({
  action: 'test.result',
  value: placeDayValue({ dutyId: Id, result: z.enum(TEST_RESULTS) }),
  run: async (ctx, value) => testsCardAnswer(ctx, value, await confirmResult(ctx, value.dutyId, value.result)),
});
