import type { Database } from '../db/client';
import { closeOpenAlerts } from '../db/repositories/alerts.repository';
import { writeAudit } from '../db/repositories/audit.repository';
import type { AuditAction } from '../domain/audit-actions';
import { type CaseRecord, updateCase } from '../db/repositories/cases.repository';
import { cancelPendingDuties } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { settleReleaseRequest } from './release-requests';
import { cancelOpenTransfer, type TransferView } from './transfer-cards';

/**
 * Takes a case out of management (released, transferred, closed): its work from today on is
 * cancelled, its open alerts closed (nobody is left at home to recheck), a waiting release
 * request settled, a transfer under way cancelled, and the change audited.
 */
export async function endCase(
  db: Database,
  input: {
    case: CaseRecord;
    status: 'released' | 'transferred' | 'closed';
    endReason: string;
    endNote: string | null;
    auditAction: AuditAction;
    auditAfter: Record<string, unknown>;
    reason: string | null;
    actorOpenId: string;
    chatId: string | null;
    now: Date;
    today: IsoDate;
    /** Pending work due from this day on is cancelled; default today (earlier days stay as missed). */
    cancelFrom?: IsoDate;
    /** How to redraw a cancelled transfer's card (without it the transfer is cancelled, its card left as it was). */
    transferView?: TransferView;
  },
): Promise<void> {
  const c = input.case;
  await updateCase(db, c.id, { status: input.status, endedAt: input.now, endReason: input.endReason, endNote: input.endNote }, input.now);
  const cancelled = await cancelPendingDuties(db, c.id, input.cancelFrom ?? input.today);
  const alertsClosed = await closeOpenAlerts(db, c.id, input.actorOpenId, input.now);
  await settleReleaseRequest(db, { caseId: c.id, status: input.status, by: input.actorOpenId, at: input.now, today: input.today });
  await cancelOpenTransfer(db, { caseId: c.id, by: input.actorOpenId, at: input.now, view: input.transferView });
  await writeAudit(db, {
    at: input.now,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    action: input.auditAction,
    caseId: c.id,
    before: { status: c.status },
    after: { status: input.status, ...input.auditAfter, cancelledDuties: cancelled, closedAlerts: alertsClosed },
    reason: input.reason,
  });
}
