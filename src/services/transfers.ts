import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import type { CaseRecord } from '../db/repositories/cases.repository';
import { listIsolationPoints } from '../db/repositories/isolation-points.repository';
import { insertTransfer, openTransferOf, recordTransferStep, setTransferCards, type TransferRow, type TransferStep } from '../db/repositories/transfers.repository';
import type { IsoDate } from '../domain/dates';
import type { TransferDestination } from '../domain/lifecycle-args';
import { type Category, categoryByCode } from '../domain/policy';
import { transferText } from '../messages/transfers';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { UserError } from '../shared/user-error';
import { endCase } from './end-case';
import { moveCaseToPoint } from './move-case';
import { chatsBoundTo } from './recipients';
import { patchTransferCopies, transferCardFor, type TransferView } from './transfer-cards';

export interface TransferActor extends TransferView {
  actorOpenId: string;
  chatId: string | null;
  today: IsoDate;
}

/**
 * Who sees a transfer: the transfer task force that does it, the case's village (which keeps
 * the person until picked up, 001 篇二 §26) and HQ, which holds the 8-hour limit.
 */
async function transferChats(db: Database, c: CaseRecord, view: TransferView): Promise<{ chats: string[]; taskforce: boolean }> {
  const taskforce = await chatsBoundTo(db, { kind: 'taskforce', taskforce: view.policy.routing.transfer });
  const chats = [...taskforce, ...(await chatsBoundTo(db, { kind: 'village', villageId: c.villageId })), ...(await chatsBoundTo(db, { kind: 'hq' }))];
  return { chats: [...new Set(chats)], taskforce: taskforce.length > 0 };
}

/**
 * Opens a transfer for an active case (the caller holds its lock) and posts its card to the
 * transfer task force, the village and HQ, each copy kept so every step shows on all. One
 * transfer is under way per case: a second request gets the first back.
 */
export async function requestTransfer(
  db: Database,
  input: { case: CaseRecord; destination: TransferDestination; category: Category | null; reason: string | null; alertId: number | null } & TransferActor,
): Promise<{ kind: 'requested'; transfer: TransferRow; taskforce: boolean } | { kind: 'already'; transfer: TransferRow }> {
  const c = input.case;
  const open = await openTransferOf(db, c.id);
  if (open && open.cardCopies.length > 0) return { kind: 'already', transfer: open };
  // One without a card (carried over by migration 0011 from an alert's mark) gets its card now.
  const transfer = open ?? (await openNewTransfer(db, input));
  const { chats, taskforce } = await transferChats(db, c, input);
  const content = JSON.stringify(await transferCardFor(db, transfer, input));
  const copies: { outboxId: number; chatId: string }[] = [];
  for (const chatId of chats) copies.push({ outboxId: await enqueueOutbound(db, { kind: 'send', receiveIdType: 'chat_id', receiveId: chatId, msgType: 'interactive', content }), chatId });
  await setTransferCards(db, transfer.id, copies);
  return { kind: 'requested', transfer: { ...transfer, cardCopies: copies }, taskforce };
}

async function openNewTransfer(
  db: Database,
  input: { case: CaseRecord; destination: TransferDestination; category: Category | null; reason: string | null; alertId: number | null } & TransferActor,
): Promise<TransferRow> {
  const transfer = await insertTransfer(db, {
    caseId: input.case.id,
    destination: input.destination,
    category: input.category?.code ?? null,
    reason: input.reason,
    alertId: input.alertId,
    requestedBy: input.actorOpenId,
    requestedAt: input.now,
    chatId: input.chatId,
  });
  await writeAudit(db, {
    at: input.now,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    action: 'case.transfer_requested',
    caseId: input.case.id,
    after: { transferId: transfer.id, destination: transferText.destinationLabel[input.destination], ...(input.category ? { category: input.category.code } : {}) },
    reason: input.reason,
  });
  return transfer;
}

export type StepInput =
  | { step: 'dispatched'; vehiclePlate: string; driver: string; escort: string | null }
  | { step: 'picked_up' }
  | { step: 'handed_over'; receivingPlace: string; receiver: string };

/**
 * Records the next step of a transfer (the caller has checked its order and holds the case's
 * lock), audits it and patches every copy of the card. 已交接 to central isolation moves the case
 * to the point named, under the transfer's category (or the policy's central isolation
 * category); to a hospital it ends the case as transferred (转运 closes a record, DOMAIN.md).
 */
export async function takeTransferStep(db: Database, input: { transfer: TransferRow; case: CaseRecord; step: StepInput } & TransferActor): Promise<TransferRow | null> {
  const { transfer: t, case: c, step } = input;
  const at = input.now;
  const by = input.actorOpenId;
  const record: TransferStep =
    step.step === 'dispatched'
      ? { status: 'dispatched', by, at, vehiclePlate: step.vehiclePlate, driver: step.driver, escort: step.escort }
      : step.step === 'picked_up'
        ? { status: 'picked_up', by, at }
        : { status: 'handed_over', by, at, receivingPlace: step.receivingPlace, receiver: step.receiver };
  // The point is found before anything is written: a place that is not one refuses the step whole.
  const move = step.step === 'handed_over' ? await handOverTo(db, { ...input, receivingPlace: step.receivingPlace }) : null;
  // The step first: ending the case cancels a transfer still under way, and this one is over.
  const changed = await recordTransferStep(db, t.id, t.status, record);
  if (!changed) return null;
  if (move) await move();
  const { step: _name, ...fields } = step;
  await writeAudit(db, { at, actorOpenId: by, chatId: input.chatId, action: `transfer.${step.step}`, caseId: c.id, after: { transferId: t.id, ...fields } });
  await patchTransferCopies(db, changed, await transferCardFor(db, changed, input));
  return changed;
}

/** What the hand-over does to the case, checked now and done once the step is recorded. */
async function handOverTo(db: Database, input: { transfer: TransferRow; case: CaseRecord; receivingPlace: string } & TransferActor): Promise<() => Promise<unknown>> {
  const { transfer: t, case: c } = input;
  if (t.destination === 'central') {
    const points = await listIsolationPoints(db);
    const point = points.find((p) => p.name === input.receivingPlace);
    if (!point) throw new UserError(transferText.toast.unknownPoint(input.receivingPlace, points.map((p) => p.name)));
    const code = t.category ?? input.policy.lifecycle.centralIsolationCategory;
    if (!code) throw new UserError(transferText.noCentralCategory);
    const category = categoryByCode(input.policy, code);
    return () =>
      moveCaseToPoint(
        { db, actorOpenId: input.actorOpenId, chatId: input.chatId, policy: input.policy, timeZone: input.timeZone, today: input.today, now: input.now },
        { case: c, point, category, reason: t.reason },
      );
  }
  return () => endCase(db, {
    case: c,
    status: 'transferred',
    endReason: transferText.destinationLabel.hospital,
    endNote: input.receivingPlace,
    auditAction: 'case.transfer',
    auditAfter: { destination: transferText.destinationLabel.hospital, place: input.receivingPlace },
    reason: t.reason,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    now: input.now,
    today: input.today,
  });
}
