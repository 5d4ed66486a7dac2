import { requestTransfer as markTransferRequested } from '../src/db/repositories/alerts.repository';
import { lockCase } from '../src/db/repositories/cases.repository';
import { canActOnAlert } from '../src/domain/permissions';
import { dutyText } from '../src/messages/duties';
import { transferText } from '../src/messages/transfers';
import { requestTransfer } from '../src/services/transfers';
import { recordAlertStep } from './alert-step';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/**
 * 转运: marks the alert and opens a transfer to a hospital for the transfer task force (a
 * positive goes to "定点医疗机构", 001 篇二 §26; fever and symptoms are taken to care). A case
 * whose transfer is already under way keeps that one.
 */
export const alertTransfer = defineCardAction({
  action: 'alert.transfer',
  value: AlertValue,
  run: (ctx, value) =>
    recordAlertStep(ctx, value.alertId, {
      allowed: (alert) => canActOnAlert(ctx.actor, alert.villageId),
      refusal: dutyText.toast.onlyVillageStaff,
      done: (alert) => alert.transferRequestedAt !== null,
      async record(alert) {
        await markTransferRequested(ctx.db, alert.id, ctx.actor.openId, ctx.now);
        const c = await lockCase(ctx.db, alert.caseId);
        if (!c || c.status !== 'active') return;
        await requestTransfer(ctx.db, {
          case: c,
          destination: 'hospital',
          category: null,
          reason: transferText.alertReason[alert.kind],
          alertId: alert.id,
          actorOpenId: ctx.actor.openId,
          chatId: ctx.chatId,
          now: ctx.now,
          today: ctx.today,
          timeZone: ctx.timeZone,
          policy: ctx.policy,
        });
      },
      auditAction: 'case.transfer_requested',
      toast: dutyText.toast.transferRequested,
    }),
});
