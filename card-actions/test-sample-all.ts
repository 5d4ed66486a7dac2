import { pagePlaceDuties } from '../src/db/repositories/duty-days.repository';
import { canSample } from '../src/domain/permissions';
import { placeOfValue } from '../src/domain/place';
import { TESTS_PAGE_ROWS } from '../src/cards/page-sizes';
import { dutyText } from '../src/messages/duties';
import { confirmSampled } from '../src/services/duty-actions';
import { dayTestsCard } from '../src/services/day-cards';
import { defineCardAction } from './define-card-action';
import { PlaceDayValue } from './values';

/** 全部已采样: every row of the card not yet sampled. */
export const testSampleAll = defineCardAction({
  action: 'test.sampleAll',
  value: PlaceDayValue,
  async run(ctx, value) {
    const place = placeOfValue(value);
    if (!canSample(ctx.actor, place, ctx.policy)) return { toast: { type: 'error', content: dutyText.toast.refused.sample(ctx.policy, place) } };
    const day = { place, date: value.date, page: value.page };
    const { rows } = await pagePlaceDuties(ctx.db, { ...day, kind: 'test', pageSize: TESTS_PAGE_ROWS });
    let changed = 0;
    for (const d of rows.filter((r) => r.status === 'pending')) if ((await confirmSampled(ctx, d.id)).changed) changed++;
    return {
      toast: changed ? { type: 'success', content: dutyText.toast.allSampled(changed) } : { type: 'warning', content: dutyText.toast.nothingToSample },
      card: { type: 'raw', data: await dayTestsCard(ctx.db, { ...day, timeZone: ctx.timeZone }) },
    };
  },
});
