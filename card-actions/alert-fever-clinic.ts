import { recordFeverClinic } from '../src/db/repositories/alerts.repository';
import { canActOnAlert } from '../src/domain/permissions';
import { dutyText } from '../src/messages/duties';
import { recordAlertStep } from './alert-step';
import { defineCardAction } from './define-card-action';
import { AlertValue } from './values';

/** 已送发热门诊: the person was sent to the fever clinic (000 篇二; 002 篇9 "转运至发热门诊"). */
export const alertFeverClinic = defineCardAction({
  action: 'alert.feverClinic',
  value: AlertValue,
  run: (ctx, value) =>
    recordAlertStep(ctx, value.alertId, {
      allowed: (alert) => alert.kind === 'fever' || alert.kind === 'symptom' ? canActOnAlert(ctx.actor, alert.villageId) : false,
      refusal: dutyText.toast.onlyVillageStaff,
      done: (alert) => alert.feverClinicAt !== null,
      record: (alert) => recordFeverClinic(ctx.db, alert.id, ctx.actor.openId, ctx.now),
      auditAction: 'alert.fever_clinic',
      toast: dutyText.toast.feverClinic,
    }),
});
