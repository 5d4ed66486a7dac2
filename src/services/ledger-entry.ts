import type { Database } from '../db/client';
import { lockCase } from '../db/repositories/cases.repository';
import type { IsoDate } from '../domain/dates';
import { categoryByCode, type Policy } from '../domain/policy';
import { releaseText } from '../messages/release';
import { endCase } from './end-case';
import { postText } from './post-to-chats';
import { chatsBoundTo } from './recipients';

/**
 * 其他来返 (004 篇五 (四) "建立工作台账，提醒相关人员24小时内开展1次核酸检测工作，及时记录核酸检测结果"):
 * a ledger entry, not a case HQ releases. Its negative result closes it by itself (closed,
 * 已完成检测, audited as a close) and the village group gets a short masked line. Any other
 * category, or a result other than negative, changes nothing. Returns whether it closed.
 */
export async function closeLedgerEntryOnNegative(
  db: Database,
  input: { caseId: number; negative: boolean; actorOpenId: string; chatId: string | null; now: Date; today: IsoDate; policy: Policy },
): Promise<boolean> {
  if (!input.negative) return false;
  const c = await lockCase(db, input.caseId);
  if (!c || c.status !== 'active') return false;
  const category = categoryByCode(input.policy, c.category);
  if (category.kind !== 'ledger') return false;
  const reason = releaseText.ledgerClosedReason;
  await endCase(db, {
    case: c,
    status: 'closed',
    endReason: reason,
    endNote: null,
    auditAction: 'case.close',
    auditAfter: { closeReason: reason },
    reason: null,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    now: input.now,
    today: input.today,
  });
  await postText(db, await chatsBoundTo(db, { kind: 'village', villageId: c.villageId }), releaseText.ledgerClosed({ caseNo: c.id, maskedName: c.nameMasked, category: category.name }));
  return true;
}
