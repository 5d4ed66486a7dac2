import { z } from 'zod';
import { TRANSFER_FIELD_MAX_CHARS } from '../src/cards/transfer-card';
import { type CaseRecord, lockCase } from '../src/db/repositories/cases.repository';
import { getTransfer, type TransferRow } from '../src/db/repositories/transfers.repository';
import { scrubText } from '../src/domain/mask';
import { canWorkTransfer } from '../src/domain/permissions';
import { checkStep, type TransferStepName } from '../src/domain/transfer';
import type { CardActionResponse } from '../src/lark/card-action-handler';
import { transferText } from '../src/messages/transfers';
import { transferCardFor } from '../src/services/transfer-cards';
import { type StepInput, takeTransferStep } from '../src/services/transfers';
import { UserError } from '../src/shared/user-error';
import { type CardActionContext, defineCardAction } from './define-card-action';

const TransferValue = z.object({ transferId: z.number().int() });
const t = transferText.toast;
const f = transferText.card.form;
const error = (content: string): CardActionResponse => ({ toast: { type: 'error', content } });

/**
 * The transfer, locked with its case, if the actor may take `step` now; else the toast saying
 * why not — a step out of order names the step that must come first (已派车 → 已接走 → 已交接).
 */
async function transferFor(ctx: CardActionContext, transferId: number, step: TransferStepName): Promise<{ transfer: TransferRow; case: CaseRecord } | CardActionResponse> {
  const found = await getTransfer(ctx.db, transferId);
  const c = found && (await lockCase(ctx.db, found.caseId));
  // Read again under the case's lock: another press may have taken the step meanwhile.
  const transfer = c && (await getTransfer(ctx.db, transferId));
  if (!transfer || !c) return { toast: { type: 'warning', content: t.gone } };
  if (!canWorkTransfer(ctx.actor, c.villageId)) return error(t.onlyStaff);
  const check = checkStep(transfer.status, step);
  if (!check.ok) {
    if ('first' in check) return { toast: { type: 'warning', content: t.outOfOrder(step, check.first) } };
    if (check.why === 'over') return { toast: { type: 'info', content: t.over(transferText.status[transfer.status]) } };
    return { toast: { type: 'info', content: t.done(step) } };
  }
  return { transfer, case: c };
}

/** A form field as typed: trimmed, IDs and phones masked (the card is seen in groups), within the card's limit. */
function field(ctx: CardActionContext, name: string, label: string, required: boolean): { value: string | null } | { refusal: CardActionResponse } {
  const value = scrubText(String(ctx.formValue[name] ?? '').trim());
  if (!value) return required ? { refusal: error(t.missing(label)) } : { value: null };
  if (Array.from(value).length > TRANSFER_FIELD_MAX_CHARS) return { refusal: error(t.tooLong(label, TRANSFER_FIELD_MAX_CHARS)) };
  return { value };
}

async function take(ctx: CardActionContext, found: { transfer: TransferRow; case: CaseRecord }, step: StepInput): Promise<CardActionResponse> {
  try {
    const changed = await takeTransferStep(ctx.db, { ...found, step, actorOpenId: ctx.actor.openId, chatId: ctx.chatId, now: ctx.now, today: ctx.today, timeZone: ctx.timeZone, policy: ctx.policy });
    if (!changed) return { toast: { type: 'warning', content: t.gone } };
    return { toast: { type: 'success', content: t.recorded(found.case.id, step.step) }, card: { type: 'raw', data: await transferCardFor(ctx.db, changed, ctx) } };
  } catch (e) {
    // Refused before anything was written (a receiving place that is not one of the points).
    if (e instanceof UserError) return error(e.reply);
    throw e;
  }
}

function asker(action: string, step: TransferStepName, ask: 'dispatch' | 'handover', toast: string) {
  return defineCardAction({
    action,
    value: TransferValue,
    async run(ctx, value) {
      const found = await transferFor(ctx, value.transferId, step);
      if (!('transfer' in found)) return found;
      return { toast: { type: 'info', content: toast }, card: { type: 'raw', data: await transferCardFor(ctx.db, found.transfer, { ...ctx, ask }) } };
    },
  });
}

/** 已派车 and 已交接 show their forms; the forms' submits and 已接走 take the step. */
export const transferDispatchAsk = asker('transfer.dispatchAsk', 'dispatched', 'dispatch', t.askDispatch);
export const transferHandoverAsk = asker('transfer.handoverAsk', 'handed_over', 'handover', t.askHandover);

export const transferDispatch = defineCardAction({
  action: 'transfer.dispatch',
  value: TransferValue,
  async run(ctx, value) {
    const found = await transferFor(ctx, value.transferId, 'dispatched');
    if (!('transfer' in found)) return found;
    const plate = field(ctx, 'plate', f.plate, true);
    if ('refusal' in plate) return plate.refusal;
    const driver = field(ctx, 'driver', f.driver, true);
    if ('refusal' in driver) return driver.refusal;
    const escort = field(ctx, 'escort', f.escort, false);
    if ('refusal' in escort) return escort.refusal;
    return take(ctx, found, { step: 'dispatched', vehiclePlate: plate.value!, driver: driver.value!, escort: escort.value });
  },
});

export const transferPickUp = defineCardAction({
  action: 'transfer.pickUp',
  value: TransferValue,
  async run(ctx, value) {
    const found = await transferFor(ctx, value.transferId, 'picked_up');
    if (!('transfer' in found)) return found;
    return take(ctx, found, { step: 'picked_up' });
  },
});

export const transferHandover = defineCardAction({
  action: 'transfer.handover',
  value: TransferValue,
  async run(ctx, value) {
    const found = await transferFor(ctx, value.transferId, 'handed_over');
    if (!('transfer' in found)) return found;
    const place = field(ctx, 'place', f.place, true);
    if ('refusal' in place) return place.refusal;
    const receiver = field(ctx, 'receiver', f.receiver, true);
    if ('refusal' in receiver) return receiver.refusal;
    return take(ctx, found, { step: 'handed_over', receivingPlace: place.value!, receiver: receiver.value! });
  },
});
