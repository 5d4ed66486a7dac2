import type { Database } from '../db/client';
import { listOpenAlerts } from '../db/repositories/alerts.repository';
import type { CaseRecord } from '../db/repositories/cases.repository';
import { caseTestResults } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { categoryByCode, type Policy, releaseRuleOf } from '../domain/policy';
import { type ReleaseRefusal, releaseRefusals } from '../domain/release';
import { teamHandover } from '../notices/recipients';
import { type NoticeDelivery, sendNotices } from '../notices/send-notices';
import type { DataCipher } from '../shared/data-cipher';
import { endCase } from './end-case';

/** What keeps this case from being released today under its category's rule (releaseRefusals); empty when it may be. */
export async function releaseRefusalsFor(db: Database, c: CaseRecord, input: { today: IsoDate; policy: Policy }): Promise<ReleaseRefusal[]> {
  return releaseRefusals({
    rule: releaseRuleOf(categoryByCode(input.policy, c.category)),
    endDate: c.endDate,
    today: input.today,
    tests: await caseTestResults(db, { caseId: c.id, from: c.startDate }),
    openAlerts: (await listOpenAlerts(db, c.id)).length,
  });
}

/**
 * Releases the case (the caller has checked the rules, or a lead overrides them with a reason)
 * and sends its release notice, if its category gets one, privately to who hands it over
 * (src/notices). Audited as `case.release`, which the daily summary counts.
 */
export async function releaseCase(
  db: Database,
  input: { case: CaseRecord; forcedReason: string | null; actorOpenId: string; chatId: string | null; now: Date; today: IsoDate; policy: Policy; timeZone: string; cipher: DataCipher },
): Promise<{ notice: NoticeDelivery | null }> {
  const c = input.case;
  const forced = input.forcedReason !== null;
  await endCase(db, {
    case: c,
    status: 'released',
    endReason: forced ? '强制解除' : '解除',
    endNote: input.forcedReason,
    auditAction: 'case.release',
    auditAfter: { forced },
    reason: input.forcedReason,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    now: input.now,
    today: input.today,
    // A transfer still under way is cancelled, and every copy of its card says so.
    transferView: { now: input.now, timeZone: input.timeZone, policy: input.policy },
  });
  const [notice] = await sendNotices(db, { caseIds: [c.id], moment: 'release', recipients: teamHandover(input.policy) }, input);
  return { notice: notice ?? null };
}
