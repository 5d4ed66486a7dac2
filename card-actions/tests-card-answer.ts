import type { z } from 'zod';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import type { DutyOutcome } from '../src/services/duty-actions';
import { placeOfValue } from '../src/domain/place';
import { dayTestsCard } from '../src/services/day-cards';
import type { CardActionContext } from './define-card-action';
import type { PlaceDayValue } from './values';

/**
 * The answer to a row button of 「今日核酸采样」: a refused press leaves the card alone;
 * otherwise the toast says what happened and the card shows how things now stand.
 */
export async function testsCardAnswer(ctx: CardActionContext, value: z.infer<typeof PlaceDayValue>, outcome: DutyOutcome): Promise<CardActionResponse> {
  if (outcome.forbidden) return { toast: { type: 'error', content: outcome.message } };
  return {
    toast: { type: !outcome.changed ? 'warning' : outcome.abnormal ? 'error' : 'success', content: outcome.message },
    card: { type: 'raw', data: await dayTestsCard(ctx.db, { place: placeOfValue(value), date: value.date, page: value.page, timeZone: ctx.timeZone }) },
  };
}
