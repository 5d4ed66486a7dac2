import type { Database } from '../db/client';
import { getCase } from '../db/repositories/cases.repository';
import { lockTransfersToWarn, markWarned } from '../db/repositories/transfers.repository';
import type { Policy } from '../domain/policy';
import { warningsDue } from '../domain/transfer';
import { transferText } from '../messages/transfers';
import { postText } from './post-to-chats';
import { chatsBoundTo } from './recipients';
import { patchTransferCopies, transferCardFor } from './transfer-cards';

/**
 * Transfers not handed over at the policy's warning hours (6 h, then 8 h: "8小时内", 001 篇二
 * §26) are told to HQ, once per hour mark, and their cards turn red with the warning. Rows are
 * locked with SKIP LOCKED, so several instances never warn twice. Returns how many were told.
 */
export async function escalateLateTransfers(db: Database, input: { now: Date; policy: Policy; timeZone: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const late = await lockTransfersToWarn(tx, { now: input.now, hours: input.policy.transfers.warnAtHours });
    let told = 0;
    for (const t of late) {
      const due = warningsDue({ requestedAt: t.requestedAt, now: input.now, warnedHours: t.warnedHours, policy: input.policy });
      const hours = due.at(-1);
      if (hours === undefined) continue;
      const c = (await getCase(tx, t.caseId))!;
      const text = transferText.warning({ id: c.id, maskedName: c.nameMasked, village: c.villageName, hours, limitHours: input.policy.transfers.limitHours, status: transferText.status[t.status] });
      await postText(tx, await chatsBoundTo(tx, { kind: 'hq' }), text);
      await markWarned(tx, t.id, hours);
      await patchTransferCopies(tx, { ...t, warnedHours: hours }, await transferCardFor(tx, { ...t, warnedHours: hours }, input));
      told += 1;
    }
    return told;
  });
}
