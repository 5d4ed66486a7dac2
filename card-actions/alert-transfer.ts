import { getAlert, requestTransfer } from '../src/db/repositories/alerts.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { canConfirmDuties, isTownshipWide } from '../src/domain/permissions';
import { dutyText } from '../src/messages/duties';
import { alertCardFor, refreshAlertCopies } from '../src/services/alerts';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/** 转运: marks the case for transfer (the transfer itself is done with /转运). */
export const alertTransfer = defineCardAction({
  action: 'alert.transfer',
  value: AlertValue,
  async run(ctx, value) {
    const alert = await getAlert(ctx.db, value.alertId, { lock: true });
    if (!alert) return { toast: { type: 'warning', content: dutyText.toast.dutyGone } };
    if (!canConfirmDuties(ctx.actor, alert.villageId) && !isTownshipWide(ctx.actor)) return { toast: { type: 'error', content: dutyText.toast.onlyDoctor } };
    if (alert.transferRequestedAt) return { toast: { type: 'info', content: dutyText.toast.transferRequested(alert.caseId) } };
    await requestTransfer(ctx.db, alert.id, ctx.actor.openId, ctx.now);
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'case.transfer_requested', caseId: alert.caseId, after: { alertId: alert.id } });
    const card = await alertCardFor(ctx.db, alert.id, { timeZone: ctx.timeZone });
    await refreshAlertCopies(ctx.db, alert, card);
    return { toast: { type: 'success', content: dutyText.toast.transferRequested(alert.caseId) }, card: { type: 'raw', data: card } };
  },
});
