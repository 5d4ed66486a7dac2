import { requestTransfer } from '../src/db/repositories/alerts.repository';
import { canActOnAlert } from '../src/domain/permissions';
import { dutyText } from '../src/messages/duties';
import { recordAlertStep } from './alert-step';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/** 转运: marks the case for transfer (the transfer itself is done with /转运). */
export const alertTransfer = defineCardAction({
  action: 'alert.transfer',
  value: AlertValue,
  run: (ctx, value) =>
    recordAlertStep(ctx, value.alertId, {
      allowed: (alert) => canActOnAlert(ctx.actor, alert.villageId),
      refusal: dutyText.toast.onlyVillageStaff,
      done: (alert) => alert.transferRequestedAt !== null,
      record: (alert) => requestTransfer(ctx.db, alert.id, ctx.actor.openId, ctx.now),
      auditAction: 'case.transfer_requested',
      toast: dutyText.toast.transferRequested,
    }),
});
