import { type AlertRow, getAlert } from '../src/db/repositories/alerts.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import type { AuditAction } from '../src/domain/audit-actions';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import { dutyText } from '../src/messages/duties';
import { alertCardFor, refreshAlertCopies } from '../src/services/alerts';
import type { CardActionContext } from './define-card-action';

/**
 * One step taken on an alert (已送发热门诊, 转运): locked, allowed, recorded once, audited, and
 * shown on every copy of the card.
 */
export async function recordAlertStep(
  ctx: CardActionContext,
  alertId: number,
  step: {
    allowed: (alert: AlertRow) => boolean;
    refusal: string;
    done: (alert: AlertRow) => boolean;
    record: (alert: AlertRow) => Promise<void>;
    auditAction: AuditAction;
    toast: (caseId: number) => string;
  },
): Promise<CardActionResponse> {
  const alert = await getAlert(ctx.db, alertId, { lock: true });
  if (!alert) return { toast: { type: 'warning', content: dutyText.toast.dutyGone } };
  if (!step.allowed(alert)) return { toast: { type: 'error', content: step.refusal } };
  if (alert.closedAt) return { toast: { type: 'info', content: dutyText.toast.alertClosed } };
  if (step.done(alert)) return { toast: { type: 'info', content: step.toast(alert.caseId) } };
  await step.record(alert);
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: step.auditAction, caseId: alert.caseId, after: { alertId: alert.id } });
  const card = await alertCardFor(ctx.db, alert.id, { timeZone: ctx.timeZone, policy: ctx.policy });
  await refreshAlertCopies(ctx.db, alert, card);
  return { toast: { type: 'success', content: step.toast(alert.caseId) }, card: { type: 'raw', data: card } };
}
