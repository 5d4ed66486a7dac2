import type { TransferRow } from '../db/repositories/transfers.repository';
import { nextStep, transferClock } from '../domain/transfer';
import type { Policy } from '../domain/policy';
import { transferText } from '../messages/transfers';
import { buildCard, button, type Card, type CardColor, type CardElement, markdown, plainText } from './card';

/** Longest text a form field of the card takes (a plate, a name, a place). */
export const TRANSFER_FIELD_MAX_CHARS = 40;

export interface TransferCardInput {
  transfer: TransferRow;
  maskedName: string;
  village: string;
  /** The name of the category the person continues under at the point (central isolation). */
  categoryName: string | null;
  /** The isolation points a hand-over to central isolation may name. */
  pointNames: string[];
  /** Which form to show (after 已派车 or 已交接 was pressed). */
  ask?: 'dispatch' | 'handover';
  now: Date;
  timeZone: string;
  policy: Pick<Policy, 'transfers'>;
}

const f = transferText.card.form;

function input(name: string, label: string, required: boolean, placeholder?: string): CardElement {
  return {
    tag: 'input',
    name,
    required,
    label: { tag: 'plain_text', content: label },
    ...(placeholder ? { placeholder: { tag: 'plain_text', content: placeholder } } : {}),
    max_length: TRANSFER_FIELD_MAX_CHARS,
  };
}

function submit(text: string, value: Record<string, unknown>): CardElement {
  return { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: text }, form_action_type: 'submit', behaviors: [{ type: 'callback', value }] };
}

function dispatchForm(id: number): CardElement {
  return {
    tag: 'form',
    name: 'dispatch',
    elements: [input('plate', f.plate, true, f.platePlaceholder), input('driver', f.driver, true), input('escort', f.escort, false), submit(f.submitDispatch, { action: 'transfer.dispatch', transferId: id })],
  };
}

/** To central isolation the receiving place is one of the township's points, picked from a list. */
function handoverForm(t: TransferRow, pointNames: string[]): CardElement {
  const place: CardElement =
    t.destination === 'central' && pointNames.length > 0
      ? {
          tag: 'select_static',
          name: 'place',
          required: true,
          placeholder: { tag: 'plain_text', content: f.place },
          options: pointNames.map((p) => ({ text: { tag: 'plain_text', content: p }, value: p })),
          ...(pointNames.length === 1 ? { initial_option: pointNames[0] } : {}),
        }
      : input('place', f.place, true, f.placePlaceholder);
  return { tag: 'form', name: 'handover', elements: [place, input('receiver', f.receiver, true), submit(f.submitHandover, { action: 'transfer.handover', transferId: t.id })] };
}

function colorOf(t: TransferRow, overdue: boolean): CardColor {
  if (t.status === 'handed_over') return 'green';
  if (t.status === 'cancelled') return 'grey';
  return overdue || t.warnedHours > 0 ? 'red' : 'orange';
}

/**
 * A transfer as the transfer task force works it: who (masked), from which village, to which
 * kind of place, the clock since the request against the policy's limit, each step taken with
 * who and when, and the buttons of the steps still to come (已派车 and 已交接 ask their forms).
 * The same card goes to the task force, the village and HQ, and every copy is patched.
 */
export function transferCard(input: TransferCardInput): Card {
  const t = input.transfer;
  const c = transferText.card;
  const clock = transferClock({ requestedAt: t.requestedAt, now: t.handedOverAt ?? input.now, policy: input.policy });
  const open = nextStep(t.status) !== null;
  const elements: CardElement[] = [
    plainText(c.route(input.village, t.destination, input.categoryName)),
    ...(t.reason ? [plainText(c.reason(t.reason))] : []),
    plainText(c.requested(t.requestedAt, clock.deadline, input.policy.transfers.limitHours, input.timeZone)),
    markdown(c.requestedBy(t.requestedBy)),
  ];
  if (t.dispatchedAt && t.vehiclePlate && t.driver) elements.push(plainText(c.dispatched({ plate: t.vehiclePlate, driver: t.driver, escort: t.escort, at: t.dispatchedAt, timeZone: input.timeZone })));
  if (t.pickedUpAt) elements.push(plainText(c.pickedUp(t.pickedUpAt, input.timeZone)));
  if (t.handedOverAt && t.receivingPlace && t.receiver) {
    elements.push(plainText(c.handedOver({ place: t.receivingPlace, receiver: t.receiver, at: t.handedOverAt, timeZone: input.timeZone })), plainText(c.took(clock.minutes)));
  }
  if (t.status === 'cancelled') elements.push(plainText(c.cancelled));
  if (open) {
    elements.push(plainText(c.clock(clock.minutes, input.now, input.timeZone)));
    if (t.warnedHours > 0) elements.push(plainText(c.warned(t.warnedHours, input.policy.transfers.limitHours)));
    const value = { transferId: t.id };
    const buttons = [
      ...(t.status === 'requested' ? [button(transferText.stepLabel.dispatched, { ...value, action: 'transfer.dispatchAsk' }, 'primary')] : []),
      ...(t.status !== 'picked_up' ? [button(transferText.stepLabel.picked_up, { ...value, action: 'transfer.pickUp' })] : []),
      button(transferText.stepLabel.handed_over, { ...value, action: 'transfer.handoverAsk' }),
    ];
    elements.push({ tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) });
    if (input.ask === 'dispatch') elements.push(dispatchForm(t.id));
    if (input.ask === 'handover') elements.push(handoverForm(t, input.pointNames));
  }
  const title = `${c.title(t.caseId, input.maskedName, input.village)} · ${transferText.status[t.status]}`;
  return buildCard({ title, color: colorOf(t, clock.overdue), summary: title, elements });
}
