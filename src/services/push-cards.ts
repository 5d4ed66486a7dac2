import type { Card } from '../cards/card';
import { pushBatchCard } from '../cards/push-batch-card';
import { type PushAsk, pushCheckCard, type PushRowView } from '../cards/push-check-card';
import type { Database } from '../db/client';
import {
  addCardCopy,
  cardCopies,
  listBatchRows,
  listVillageRows,
  type PushBatchRecord,
  type PushRowRecord,
} from '../db/repositories/push-lists.repository';
import { listVillages, type Village } from '../db/repositories/villages.repository';
import type { PushPerson } from '../db/schema';
import { maskAddress, maskPhone, scrubText } from '../domain/mask';
import { enqueueOutbound } from '../outbox/outbox.repository';
import type { DataCipher } from '../shared/data-cipher';
import { chatsBoundTo } from './recipients';

export interface PushCardDeps {
  cipher: DataCipher;
  timeZone: string;
}

/** The row's person; null after retention (docs/privacy.md), when nothing is left of them but the masked name. */
export function personOf(cipher: DataCipher, row: Pick<PushRowRecord, 'personEnc'>): PushPerson | null {
  const plain = cipher.decrypt(row.personEnc);
  return plain === '' ? null : (JSON.parse(plain) as PushPerson);
}

/** A row as a group card shows it: the person masked, the list's details as given, what came of it. */
export function viewOf(row: PushRowRecord, input: { cipher: DataCipher; villages: readonly Village[]; cardVillageId: number | null }): PushRowView & { village: string | null } {
  const person = personOf(input.cipher, row);
  const nameOf = (id: number | null) => (id === null ? null : (input.villages.find((v) => v.id === id)?.name ?? null));
  const here = input.cardVillageId;
  return {
    id: row.id,
    rowNo: row.rowNo,
    maskedName: row.nameMasked,
    typeLabel: row.typeLabel,
    categoryCode: row.categoryCode,
    // As the county's file wrote them: a group card shows no ID or phone a cell may hold.
    area: person?.area ? scrubText(person.area) : null,
    time: person?.time ? scrubText(person.time) : null,
    maskedAddress: person?.address ? maskAddress(person.address) : null,
    maskedPhone: person?.phone ? maskPhone(person.phone) : null,
    status: row.status,
    caseId: row.caseId,
    awayReason: row.awayReason,
    note: row.note,
    decidedAt: row.decidedAt,
    forwardedTo: here !== null && row.villageId !== here ? nameOf(row.villageId) : null,
    forwardedFrom: here !== null && row.villageId === here ? nameOf(row.forwardedFrom) : null,
    village: nameOf(row.villageId),
  };
}

/** The village's 待核查 card as it stands (with the form a press asked for). */
export async function villageCardFor(db: Database, deps: PushCardDeps, batch: PushBatchRecord, villageId: number, ask?: PushAsk): Promise<Card> {
  const villages = await listVillages(db);
  const village = villages.find((v) => v.id === villageId)!;
  const rows = (await listVillageRows(db, batch.id, villageId)).map((r) => viewOf(r, { cipher: deps.cipher, villages, cardVillageId: villageId }));
  return pushCheckCard({ batchId: batch.id, village: { id: village.id, name: village.name }, rows, deadline: batch.deadline, timeZone: deps.timeZone, ask });
}

export async function batchCardFor(db: Database, deps: PushCardDeps, batch: PushBatchRecord): Promise<Card> {
  const villages = await listVillages(db);
  const rows = (await listBatchRows(db, batch.id)).map((r) => viewOf(r, { cipher: deps.cipher, villages, cardVillageId: null }));
  return pushBatchCard({ batchId: batch.id, batch: labelOf(batch), deadline: batch.deadline, timeZone: deps.timeZone, rows, villageNames: villages.map((v) => v.name) });
}

/** The batch's name as people read it (its key is the push day and the name). */
export const labelOf = (batch: Pick<PushBatchRecord, 'key'>) => batch.key.slice(batch.key.indexOf('|') + 1);

/**
 * The village's card brought up to date everywhere: every copy patched, or posted to the
 * village's groups the first time the village has rows in the batch. Returns how many groups.
 */
export async function refreshVillageCard(db: Database, deps: PushCardDeps, batch: PushBatchRecord, villageId: number): Promise<number> {
  const content = JSON.stringify(await villageCardFor(db, deps, batch, villageId));
  const copies = await cardCopies(db, batch.id, villageId);
  for (const copy of copies) await enqueueOutbound(db, { kind: 'patch', chatId: copy.chatId, outboxId: copy.outboxId, content });
  if (copies.length > 0) return copies.length;
  const chats = await chatsBoundTo(db, { kind: 'village', villageId });
  for (const chatId of chats) {
    const outboxId = await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'interactive', content });
    await addCardCopy(db, { batchId: batch.id, villageId, chatId, outboxId });
  }
  return chats.length;
}

/** The lead's batch card patched (progress, the rows still to place). */
export async function refreshBatchCard(db: Database, deps: PushCardDeps, batch: PushBatchRecord): Promise<void> {
  if (batch.batchCardOutboxId === null) return;
  await enqueueOutbound(db, { kind: 'patch', chatId: batch.chatId, outboxId: batch.batchCardOutboxId, content: JSON.stringify(await batchCardFor(db, deps, batch)) });
}
