import { z } from 'zod';
import { placeOfValue } from '../src/domain/place';
import { teamWorkText } from '../src/messages/team-work';
import { dayVisitsCard } from '../src/services/day-cards';
import { mayRecordTeamWork, recordTeamWork } from '../src/services/team-work';
import { lockDuty } from '../src/db/repositories/duties.repository';
import { dutyText } from '../src/messages/duties';
import { defineCardAction } from './define-card-action';
import { Id, placeDayValue } from './values';

/** 已上门 on a row of 「今日上门」, or the reason form of 未见到. */
export const visitRecord = defineCardAction({
  action: 'visit.record',
  value: placeDayValue({ dutyId: Id, outcome: z.enum(['seen', 'not_seen']) }),
  async run(ctx, value) {
    const note = value.outcome === 'not_seen' ? String(ctx.formValue.reason ?? '').trim() : undefined;
    if (value.outcome === 'not_seen' && !note) return { toast: { type: 'error', content: teamWorkText.toast.needReason } };
    const outcome = await recordTeamWork(ctx, { dutyId: value.dutyId, kind: 'visit', ok: value.outcome === 'seen', note });
    if (outcome.forbidden) return { toast: { type: 'error', content: outcome.message } };
    return {
      toast: { type: !outcome.changed ? 'warning' : outcome.abnormal ? 'warning' : 'success', content: outcome.message },
      card: { type: 'raw', data: await dayVisitsCard(ctx.db, { place: placeOfValue(value), date: value.date, page: value.page, timeZone: ctx.timeZone, policy: ctx.policy }) },
    };
  },
});

/** 未见到: the card asks why on that row (a form), nothing is recorded yet. */
export const visitAskReason = defineCardAction({
  action: 'visit.askReason',
  value: placeDayValue({ dutyId: Id }),
  async run(ctx, value) {
    const duty = await lockDuty(ctx.db, value.dutyId);
    if (!duty || duty.kind !== 'visit') return { toast: { type: 'warning', content: dutyText.toast.dutyGone } };
    if (!(await mayRecordTeamWork(ctx, duty, 'visit'))) return { toast: { type: 'error', content: teamWorkText.toast.refused } };
    return {
      toast: { type: 'info', content: teamWorkText.toast.askReason },
      card: { type: 'raw', data: await dayVisitsCard(ctx.db, { place: placeOfValue(value), date: value.date, page: value.page, timeZone: ctx.timeZone, policy: ctx.policy, askReasonFor: value.dutyId }) },
    };
  },
});
