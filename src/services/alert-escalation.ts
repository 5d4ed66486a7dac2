import type { Database } from '../db/client';
import { lockOverdueRechecks, markRepeated } from '../db/repositories/alerts.repository';
import { getCase } from '../db/repositories/cases.repository';
import type { Policy } from '../domain/policy';
import { dutyText } from '../messages/duties';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { chatsBoundTo } from './recipients';

/**
 * Alerts whose recheck did not come within the policy's hours are repeated to HQ, once.
 * Rows are locked with SKIP LOCKED, so several instances never repeat the same alert.
 */
export async function escalateOverdueRechecks(db: Database, input: { now: Date; policy: Policy }): Promise<number> {
  return db.transaction(async (tx) => {
    const overdue = await lockOverdueRechecks(tx, input.now);
    const hq = overdue.length ? await chatsBoundTo(tx, { kind: 'hq' }) : [];
    for (const alert of overdue) {
      const c = (await getCase(tx, alert.caseId))!;
      const text = dutyText.alertRepeat({
        caseNo: alert.caseId,
        maskedName: c.nameMasked,
        village: c.villageName,
        hours: input.policy.thresholds.recheckWithinHours,
      });
      for (const chatId of hq) {
        await enqueueOutbound(tx, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'text', content: JSON.stringify({ text }) });
      }
      await markRepeated(tx, alert.id, input.now);
    }
    return overdue.length;
  });
}
