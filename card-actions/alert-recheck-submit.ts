import { getAlert, recordRecheck } from '../src/db/repositories/alerts.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { evaluateTemperature, parseTemperature } from '../src/domain/duties';
import { canRecordTemperature } from '../src/domain/permissions';
import { placeOfDuty } from '../src/domain/place';
import { dutyText } from '../src/messages/duties';
import { alertCardFor, refreshAlertCopies } from '../src/services/alerts';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/** The recheck reading: normal closes the alert, still abnormal keeps it open for a transfer. */
export const alertRecheckSubmit = defineCardAction({
  action: 'alert.recheckSubmit',
  value: AlertValue,
  async run(ctx, value) {
    const alert = await getAlert(ctx.db, value.alertId, { lock: true });
    if (!alert) return { toast: { type: 'warning', content: dutyText.toast.dutyGone } };
    if (!canRecordTemperature(ctx.actor, placeOfDuty(alert))) return { toast: { type: 'error', content: dutyText.toast.refused.temp() } };
    if (alert.closedAt || alert.recheckAt) return { toast: { type: 'info', content: dutyText.toast.alertClosed } };
    const t = parseTemperature(String(ctx.formValue.celsius ?? ''));
    if (!t.ok) return { toast: { type: 'error', content: dutyText.badTemperature } };
    const normal = !evaluateTemperature({ celsius: t.celsius, symptoms: [], policy: ctx.policy }).abnormal;
    await recordRecheck(ctx.db, alert.id, { celsius: t.celsius, by: ctx.actor.openId, at: ctx.now, close: normal });
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'alert.recheck', caseId: alert.caseId, after: { alertId: alert.id, celsius: t.celsius } });
    const card = await alertCardFor(ctx.db, alert.id, { timeZone: ctx.timeZone, policy: ctx.policy });
    await refreshAlertCopies(ctx.db, alert, card);
    return { toast: { type: normal ? 'success' : 'warning', content: dutyText.toast.recheckRecorded(t.celsius, normal) }, card: { type: 'raw', data: card } };
  },
});
