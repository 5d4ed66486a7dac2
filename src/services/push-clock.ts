import type { Database } from '../db/client';
import { listBatchRows, lockBatchesDue, markBatch, type PushBatchRecord, type PushRowRecord } from '../db/repositories/push-lists.repository';
import { listHolders } from '../db/repositories/role-grants.repository';
import { listVillages, type Village } from '../db/repositories/villages.repository';
import type { Policy } from '../domain/policy';
import { reminderDue } from '../domain/push-clock';
import { pushText } from '../messages/push-lists';
import { enqueueOutbound } from '../outbox/outbox.repository';
import type { DataCipher } from '../shared/data-cipher';
import { displayNames } from './people';
import { labelOf } from './push-cards';
import { pushResultWorkbook } from './push-result-workbook';
import { postText } from './post-to-chats';
import { chatsBoundTo } from './recipients';

interface ClockDeps {
  now: Date;
  policy: Policy;
  timeZone: string;
  cipher: DataCipher;
}

/**
 * The clock of every pushed list: villages with rows left are reminded at the policy's hours
 * before the deadline (their cadres and leads @-mentioned); at the deadline HQ gets
 * the rows left unchecked by village (漏核查); when every row is checked, or at the deadline,
 * the lead gets the result sheet. Batches are locked with SKIP LOCKED, so several instances
 * never tell twice. Returns how many batches had something done.
 */
export async function runPushClocks(db: Database, deps: ClockDeps): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await lockBatchesDue(tx, { now: deps.now, hours: deps.policy.pushLists.remindBeforeHours });
    if (due.length === 0) return 0;
    const villages = await listVillages(tx);
    for (const batch of due) {
      const rows = await listBatchRows(tx, batch.id);
      const pending = rows.filter((r) => r.status === 'pending');
      const passed = deps.now >= batch.deadline;
      const reminder = reminderDue({ deadline: batch.deadline, now: deps.now, hours: deps.policy.pushLists.remindBeforeHours, remindedHours: batch.remindedHours });
      if (reminder !== null && pending.length > 0) {
        await remindVillages(tx, deps, batch, pending, villages);
        await markBatch(tx, batch.id, { remindedHours: reminder });
      }
      if (passed && batch.deadlineReportedAt === null) {
        if (pending.length > 0) await postText(tx, await chatsBoundTo(tx, { kind: 'hq' }), missedText(deps, batch, pending, villages));
        await markBatch(tx, batch.id, { deadlineReportedAt: deps.now });
      }
      if (batch.resultSentAt === null && (passed || pending.length === 0)) {
        await sendResult(tx, deps, batch, rows, villages);
        await markBatch(tx, batch.id, { resultSentAt: deps.now });
      }
    }
    return due.length;
  });
}

const villageName = (villages: readonly Village[], id: number | null) => villages.find((v) => v.id === id)?.name ?? pushText.unassignedVillage;

async function remindVillages(db: Database, deps: ClockDeps, batch: PushBatchRecord, pending: PushRowRecord[], villages: readonly Village[]): Promise<void> {
  for (const village of villages) {
    const left = pending.filter((r) => r.villageId === village.id).length;
    if (left === 0) continue;
    // The village's cadres and its leads: the 村 leader and the 镇驻村干部 who heads its team (004 篇四).
    const mentions = new Set<string>();
    for (const role of ['cadre', 'village_leader', 'township_cadre'] as const) for (const id of await listHolders(db, { role, villageId: village.id })) mentions.add(id);
    const text = pushText.remind({ mentions: [...mentions], batch: labelOf(batch), village: village.name, pending: left, deadline: batch.deadline, timeZone: deps.timeZone });
    await postText(db, await chatsBoundTo(db, { kind: 'village', villageId: village.id }), text);
  }
  // Rows no village has yet are the lead's to place.
  const unassigned = pending.filter((r) => r.villageId === null).length;
  if (unassigned > 0) {
    const text = pushText.remind({ mentions: [batch.pushedBy], batch: labelOf(batch), village: pushText.unassignedVillage, pending: unassigned, deadline: batch.deadline, timeZone: deps.timeZone });
    await postText(db, [batch.chatId], text);
  }
}

function missedText(deps: ClockDeps, batch: PushBatchRecord, pending: PushRowRecord[], villages: readonly Village[]): string {
  const ids = [...new Set(pending.map((r) => r.villageId))];
  const byVillage = ids.map((id) => ({ village: villageName(villages, id), names: pending.filter((r) => r.villageId === id).map((r) => r.nameMasked) }));
  return pushText.missed({ batch: labelOf(batch), deadline: batch.deadline, timeZone: deps.timeZone, total: pending.length, byVillage });
}

async function sendResult(db: Database, deps: ClockDeps, batch: PushBatchRecord, rows: PushRowRecord[], villages: readonly Village[]): Promise<void> {
  const counts = { pending: 0, registered: 0, away: 0, managed: 0 };
  for (const r of rows) counts[r.status]++;
  const who = await displayNames(db, rows.flatMap((r) => (r.decidedBy ? [r.decidedBy] : [])));
  const workbook = await pushResultWorkbook({ rows, villageName: (id) => villageName(villages, id), who, cipher: deps.cipher, timeZone: deps.timeZone });
  const label = labelOf(batch);
  await postText(db, [batch.chatId], pushText.result.reply(label, rows.length, counts));
  await enqueueOutbound(db, { kind: 'file', receiveIdType: 'chat_id', receiveId: batch.chatId, fileName: pushText.result.fileName(label), fileType: 'xls', sealedData: deps.cipher.encrypt(workbook.toString('base64')) });
}
