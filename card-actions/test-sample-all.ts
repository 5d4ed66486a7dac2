import { pageVillageDuties } from '../src/db/repositories/duties.repository';
import { canSample } from '../src/domain/permissions';
import { TESTS_PAGE_ROWS } from '../src/cards/page-sizes';
import { dutyText } from '../src/messages/duties';
import { confirmSampled } from '../src/services/duty-actions';
import { villageTestsCard } from '../src/services/village-cards';
import { defineCardAction } from './define-card-action';
import { VillageDayValue } from './values';

/** 全部已采样: every row of the card not yet sampled. */
export const testSampleAll = defineCardAction({
  action: 'test.sampleAll',
  value: VillageDayValue,
  async run(ctx, value) {
    if (!canSample(ctx.actor, value.villageId, ctx.policy)) return { toast: { type: 'error', content: dutyText.toast.refused.sample(ctx.policy) } };
    const { rows } = await pageVillageDuties(ctx.db, { ...value, kind: 'test', pageSize: TESTS_PAGE_ROWS });
    const open = rows.filter((d) => d.status === 'pending');
    let changed = 0;
    for (const d of open) if ((await confirmSampled(ctx, d.id)).changed) changed++;
    return {
      toast: changed ? { type: 'success', content: dutyText.toast.allSampled(changed) } : { type: 'warning', content: dutyText.toast.nothingToSample },
      card: { type: 'raw', data: await villageTestsCard(ctx.db, { ...value, timeZone: ctx.timeZone }) },
    };
  },
});
