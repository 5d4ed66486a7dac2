import { getAlert } from '../src/db/repositories/alerts.repository';
import { canRecordTemperature } from '../src/domain/permissions';
import { placeOfDuty } from '../src/domain/place';
import { dutyText } from '../src/messages/duties';
import { alertCardFor } from '../src/services/alerts';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/** 已复测: shows the form for the new reading. */
export const alertRecheck = defineCardAction({
  action: 'alert.recheck',
  value: AlertValue,
  async run(ctx, value) {
    const alert = await getAlert(ctx.db, value.alertId);
    if (!alert) return { toast: { type: 'warning', content: dutyText.toast.dutyGone } };
    if (!canRecordTemperature(ctx.actor, placeOfDuty(alert))) return { toast: { type: 'error', content: dutyText.toast.refused.temp() } };
    if (alert.closedAt) return { toast: { type: 'info', content: dutyText.toast.alertClosed } };
    return {
      toast: { type: 'info', content: dutyText.toast.recheckAsk },
      card: { type: 'raw', data: await alertCardFor(ctx.db, alert.id, { timeZone: ctx.timeZone, policy: ctx.policy, askRecheck: true }) },
    };
  },
});
