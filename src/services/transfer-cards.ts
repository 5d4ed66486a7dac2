import type { Card } from '../cards/card';
import { transferCard } from '../cards/transfer-card';
import type { Database } from '../db/client';
import { getCase } from '../db/repositories/cases.repository';
import { listIsolationPoints } from '../db/repositories/isolation-points.repository';
import { openTransferOf, recordTransferStep, type TransferRow } from '../db/repositories/transfers.repository';
import { categoryName, type Policy } from '../domain/policy';
import { enqueueOutbound } from '../outbox/outbox.repository';

export interface TransferView {
  now: Date;
  timeZone: string;
  policy: Policy;
}

/** The transfer's card as it stands now (with the form of 已派车 or 已交接 when asked). */
export async function transferCardFor(db: Database, transfer: TransferRow, view: TransferView & { ask?: 'dispatch' | 'handover' }): Promise<Card> {
  const c = (await getCase(db, transfer.caseId))!;
  const category = transfer.destination === 'central' ? (transfer.category ?? view.policy.lifecycle.centralIsolationCategory ?? null) : null;
  return transferCard({
    transfer,
    maskedName: c.nameMasked,
    village: c.villageName,
    categoryName: category ? categoryName(view.policy, category) : null,
    pointNames: (await listIsolationPoints(db)).map((p) => p.name),
    ask: view.ask,
    now: view.now,
    timeZone: view.timeZone,
    policy: view.policy,
  });
}

/** Patches every posted copy of the transfer's card (each after its send, through the outbox). */
export async function patchTransferCopies(db: Database, transfer: TransferRow, card: Card): Promise<void> {
  const content = JSON.stringify(card);
  for (const copy of transfer.cardCopies) await enqueueOutbound(db, { kind: 'patch', chatId: copy.chatId, outboxId: copy.outboxId, content });
}

/**
 * The case left management another way (released, closed, transferred by /转运): its transfer
 * under way is cancelled and every copy of its card says so, without buttons.
 */
export async function cancelOpenTransfer(db: Database, input: { caseId: number; by: string; at: Date; view?: TransferView }): Promise<void> {
  const open = await openTransferOf(db, input.caseId);
  if (!open) return;
  const cancelled = await recordTransferStep(db, open.id, open.status, { status: 'cancelled', by: input.by, at: input.at });
  if (cancelled && input.view) await patchTransferCopies(db, cancelled, await transferCardFor(db, cancelled, input.view));
}
