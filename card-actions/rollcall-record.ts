import { z } from 'zod';
import { placeOfValue } from '../src/domain/place';
import { dayRollcallCard } from '../src/services/day-cards';
import { recordTeamWork } from '../src/services/team-work';
import { defineCardAction } from './define-card-action';
import { Id, placeDayValue, Slot } from './values';

/** 已点名 / 未接通 on a row of a roll-call card. */
export const rollcallRecord = defineCardAction({
  action: 'rollcall.record',
  value: placeDayValue({ dutyId: Id, outcome: z.enum(['answered', 'no_answer']), slot: Slot }),
  async run(ctx, value) {
    const outcome = await recordTeamWork(ctx, { dutyId: value.dutyId, kind: 'rollcall', ok: value.outcome === 'answered', note: value.outcome === 'no_answer' ? '未接通' : undefined });
    if (outcome.forbidden) return { toast: { type: 'error', content: outcome.message } };
    return {
      toast: { type: !outcome.changed ? 'warning' : outcome.abnormal ? 'warning' : 'success', content: outcome.message },
      card: { type: 'raw', data: await dayRollcallCard(ctx.db, { place: placeOfValue(value), date: value.date, slot: value.slot, page: value.page, timeZone: ctx.timeZone, policy: ctx.policy }) },
    };
  },
});
