import type { AuditAction } from '../domain/audit-actions';
import type { Database } from '../db/client';
import { type CaseRecord, getCases } from '../db/repositories/cases.repository';
import { auditLog } from '../db/schema';
import { daysBetween, type IsoDate } from '../domain/dates';
import { categoryByCode, categoryName, type Policy } from '../domain/policy';
import { noticeText } from '../messages/notices';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { postText } from '../services/post-to-chats';
import { chatsBoundTo } from '../services/recipients';
import type { DataCipher } from '../shared/data-cipher';
import { noticeDocument } from './notice-document';
import { type NoticeKind, type NoticeMoment, noticeFor, type NoticePlaceholder } from './notice-policy';
import type { NoticeRecipients } from './recipients';

/** One file sent: the notices of one kind for one village's cases, to the person who hands them over. */
export interface NoticeDelivery {
  kind: NoticeKind;
  title: string;
  recipientOpenId: string;
  caseIds: number[];
  fileName: string;
}

/** What the caller knows: who caused the notices (the registering or releasing user), where, and the day they bear. */
export interface NoticeContext {
  actorOpenId: string;
  chatId: string | null;
  today: IsoDate;
  now: Date;
  policy: Policy;
  cipher: DataCipher;
}

/**
 * Sends the 告知书 the cases' categories get at this moment (policy: category `notice`) as
 * .docx files, privately, in the caller's transaction: one file per recipient, kind and
 * village, each person's notice on its own page. The full name and ID number are unsealed
 * only into the document (itself sealed in the outbox); each case gets an audit row
 * (`notice.sent`, as for an export); the village's groups see one masked line per file with
 * an @-mention of the recipient. Cases whose category has no notice now are skipped.
 */
export async function sendNotices(
  db: Database,
  what: { caseIds: readonly number[]; moment: NoticeMoment; recipients: NoticeRecipients },
  context: NoticeContext,
): Promise<NoticeDelivery[]> {
  const section = context.policy.notices;
  if (!section || what.caseIds.length === 0) return [];
  const due = (await getCases(db, what.caseIds)).flatMap((c) => {
    const kind = noticeFor(categoryByCode(context.policy, c.category), what.moment);
    return kind ? [{ ...c, kind }] : [];
  });
  if (due.length === 0) return [];
  const recipientOf = await what.recipients(db, due.map((c) => c.id));

  const batches = new Map<string, { kind: NoticeKind; recipientOpenId: string; cases: typeof due }>();
  for (const c of due) {
    const recipientOpenId = recipientOf.get(c.id);
    if (!recipientOpenId) throw new Error(`case ${c.id}: no one to hand the notice over to`);
    const key = JSON.stringify([recipientOpenId, c.kind, c.villageId]);
    const batch = batches.get(key) ?? { kind: c.kind, recipientOpenId, cases: [] };
    batch.cases.push(c);
    batches.set(key, batch);
  }

  const deliveries: NoticeDelivery[] = [];
  for (const { kind, recipientOpenId, cases: batch } of batches.values()) {
    const wording = section[kind]!;
    const first = batch[0]!;
    const caseIds = batch.map((c) => c.id);
    const bytes = await noticeDocument({ section, kind, people: batch.map((c) => placeholderValues(c, { ...context, township: section.township })) });
    const fileName = noticeText.fileName({ title: wording.title, caseIds, village: first.villageName, date: context.today });
    await enqueueOutbound(db, {
      kind: 'file',
      receiveIdType: 'open_id',
      receiveId: recipientOpenId,
      fileName,
      fileType: 'doc',
      sealedData: context.cipher.encrypt(bytes.toString('base64')),
    });
    await db.insert(auditLog).values(
      batch.map((c) => ({
        at: context.now,
        actorOpenId: context.actorOpenId,
        chatId: context.chatId,
        action: 'notice.sent' satisfies AuditAction,
        caseId: c.id,
        after: { notice: kind, recipient: recipientOpenId, fileName },
      })),
    );
    const line = noticeText.sentLine({ cases: batch.map((c) => ({ id: c.id, maskedName: c.nameMasked })), title: wording.title, recipientOpenId });
    await postText(db, await chatsBoundTo(db, { kind: 'village', villageId: first.villageId }), line);
    deliveries.push({ kind, title: wording.title, recipientOpenId, caseIds, fileName });
  }
  return deliveries;
}

function placeholderValues(c: CaseRecord, context: NoticeContext & { township: string }): Record<NoticePlaceholder, string> {
  return {
    name: context.cipher.decrypt(c.nameEnc),
    idNumber: context.cipher.decrypt(c.idNumberEnc),
    category: categoryName(context.policy, c.category),
    start: noticeText.documentDate(c.startDate),
    end: noticeText.documentDate(c.endDate),
    days: String(daysBetween(c.startDate, c.endDate) + 1),
    village: c.villageName,
    date: noticeText.documentDate(context.today),
    township: context.township,
  };
}
