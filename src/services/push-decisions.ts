import type { Card } from '../cards/card';
import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { decideRow, getBatch, moveRow, type PushBatchRecord, type PushRowRecord } from '../db/repositories/push-lists.repository';
import type { PushRowStatus } from '../db/schema';
import { batchCardFor, type PushCardDeps, refreshBatchCard, refreshVillageCard, villageCardFor } from './push-cards';

export interface DecisionInput {
  status: Exclude<PushRowStatus, 'pending'>;
  caseId?: number | null;
  awayReason?: string | null;
  note?: string | null;
}

interface Who {
  actorOpenId: string;
  chatId: string | null;
  now: Date;
}

/**
 * A row's check recorded once (a second press finds it decided), audited, and shown on every
 * copy of the village's card and on the lead's batch card. Returns the village's card now,
 * or null when someone else decided the row meanwhile.
 */
export async function recordDecision(db: Database, deps: PushCardDeps & Who, row: PushRowRecord, decision: DecisionInput): Promise<Card | null> {
  const decided = await decideRow(db, row.id, { ...decision, by: deps.actorOpenId, at: deps.now });
  if (!decided) return null;
  await writeAudit(db, {
    at: deps.now,
    actorOpenId: deps.actorOpenId,
    chatId: deps.chatId,
    action: 'push.checked',
    caseId: decision.caseId ?? null,
    after: { batchId: row.batchId, rowId: row.id, row: row.rowNo, outcome: decision.status, awayReason: decision.awayReason ?? null, note: decision.note ?? null },
  });
  const batch = await refreshAll(db, deps, decided, [decided.villageId!]);
  return villageCardFor(db, deps, batch, decided.villageId!);
}

/**
 * The row given to another village (转交) or, unassigned, to its first one: that village's card
 * gains it (posted if it had none), the old one shows it passed on. Returns the card the press
 * came from as it is now (the old village's, or the lead's batch card).
 */
export async function moveToVillage(db: Database, deps: PushCardDeps & Who, row: PushRowRecord, villageId: number): Promise<Card> {
  const moved = await moveRow(db, row, villageId);
  await writeAudit(db, {
    at: deps.now,
    actorOpenId: deps.actorOpenId,
    chatId: deps.chatId,
    action: 'push.forwarded',
    after: { batchId: row.batchId, rowId: row.id, row: row.rowNo, from: row.villageId, to: villageId },
  });
  const batch = await refreshAll(db, deps, moved, [villageId, ...(row.villageId === null ? [] : [row.villageId])]);
  return row.villageId !== null ? villageCardFor(db, deps, batch, row.villageId) : batchCardFor(db, deps, batch);
}

/** Every copy of the villages' cards and the lead's batch card brought up to date; returns the batch. */
async function refreshAll(db: Database, deps: PushCardDeps, row: PushRowRecord, villageIds: number[]): Promise<PushBatchRecord> {
  const batch = (await getBatch(db, row.batchId))!;
  for (const id of villageIds) await refreshVillageCard(db, deps, batch, id);
  await refreshBatchCard(db, deps, batch);
  return batch;
}
