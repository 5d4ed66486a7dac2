import type { PushRowStatus } from '../db/schema';
import { pushText } from '../messages/push-lists';
import { buildCard, button, type Card, type CardElement, plainText } from './card';
import { mostRowsThatFit } from './fit';

/** Longest text a form field of the card takes (a note, an address). */
export const PUSH_FIELD_MAX_CHARS = 100;

/** A row of a pushed list as a group card may show it: masked, with what came of it. */
export interface PushRowView {
  id: number;
  rowNo: number;
  maskedName: string;
  typeLabel: string;
  categoryCode: string;
  area: string | null;
  time: string | null;
  maskedAddress: string | null;
  maskedPhone: string | null;
  status: PushRowStatus;
  caseId: number | null;
  awayReason: string | null;
  note: string | null;
  decidedAt: Date | null;
  /** Set when this card's village passed the row on (it now belongs to that village). */
  forwardedTo: string | null;
  /** Set when the row came from another village. */
  forwardedFrom: string | null;
}

/** Which form a press opened, for which row (only on the card answering that press). */
export type PushAsk =
  | { rowId: number; form: 'register'; categories: { code: string; name: string }[] }
  | { rowId: number; form: 'away'; reasons: string[] }
  | { rowId: number; form: 'managed'; caseNo: number | null }
  | { rowId: number; form: 'forward'; villages: string[] };

export interface PushCheckCardInput {
  batchId: number;
  village: { id: number; name: string };
  rows: PushRowView[];
  deadline: Date;
  timeZone: string;
  ask?: PushAsk;
}

const v = pushText.village;
const f = v.form;

function input(name: string, label: string, opts: { required?: boolean; placeholder?: string; value?: string } = {}): CardElement {
  return {
    tag: 'input',
    name,
    required: opts.required ?? false,
    label: { tag: 'plain_text', content: label },
    ...(opts.placeholder ? { placeholder: { tag: 'plain_text', content: opts.placeholder } } : {}),
    ...(opts.value ? { default_value: opts.value } : {}),
    max_length: PUSH_FIELD_MAX_CHARS,
  };
}

function select(name: string, label: string, options: { text: string; value: string }[], initial?: string): CardElement {
  return {
    tag: 'select_static',
    name,
    required: true,
    placeholder: { tag: 'plain_text', content: label },
    options: options.map((o) => ({ text: { tag: 'plain_text', content: o.text }, value: o.value })),
    ...(initial ? { initial_option: initial } : {}),
  };
}

function submit(text: string, value: Record<string, unknown>): CardElement {
  return { tag: 'button', name: 'submit', type: 'primary', text: { tag: 'plain_text', content: text }, form_action_type: 'submit', behaviors: [{ type: 'callback', value }] };
}

function rowText(r: PushRowView): string {
  return v.row({ rowNo: r.rowNo, maskedName: r.maskedName, type: r.typeLabel, area: r.area, time: r.time, address: r.maskedAddress }) + (r.forwardedFrom ? v.forwardedIn(r.forwardedFrom) : '');
}

/** What came of a row, in a word or two. */
export function decidedText(r: Pick<PushRowView, 'status' | 'caseId' | 'awayReason' | 'note' | 'forwardedTo'>): string {
  if (r.forwardedTo) return v.forwardedOut(r.forwardedTo);
  if (r.status === 'registered') return v.registered(r.caseId!);
  if (r.status === 'managed') return v.managed(r.caseId!);
  if (r.status === 'away') return v.away(r.awayReason ?? '', r.note);
  return pushText.outcome.pending;
}

function form(batchId: number, r: PushRowView, ask: PushAsk): CardElement {
  const value = { batchId, rowId: r.id };
  const fields: CardElement[] = [plainText(rowText(r))];
  if (ask.form === 'register') {
    const initial = ask.categories.some((c) => c.code === r.categoryCode) ? r.categoryCode : undefined;
    fields.push(
      select('category', f.category, ask.categories.map((c) => ({ text: c.name, value: c.code })), initial),
      input('startDate', f.startDate, { placeholder: f.startDatePlaceholder }),
      input('address', f.address, { placeholder: r.maskedAddress ?? undefined }),
      input('phone', f.phone, { required: r.maskedPhone === null, placeholder: r.maskedPhone ? f.phoneFromList(r.maskedPhone) : f.phoneNeeded }),
      submit(f.submitRegister, { ...value, action: 'push.register' }),
    );
  } else if (ask.form === 'away') {
    fields.push(select('reason', f.reason, ask.reasons.map((x) => ({ text: x, value: x }))), input('note', f.note), submit(f.submitAway, { ...value, action: 'push.away' }));
  } else if (ask.form === 'managed') {
    fields.push(input('caseNo', f.caseNo, { required: true, value: ask.caseNo ? `#${ask.caseNo}` : undefined }), submit(f.submitManaged, { ...value, action: 'push.managed' }));
  } else {
    fields.push(select('village', f.village, ask.villages.map((x) => ({ text: x, value: x }))), submit(f.submitForward, { ...value, action: 'push.forward' }));
  }
  return { tag: 'form', name: `push_${r.id}`, elements: fields };
}

function pendingRow(batchId: number, r: PushRowView): CardElement[] {
  const value = { batchId, rowId: r.id };
  const b = v.buttons;
  const buttons = [
    button(b.register, { ...value, action: 'push.ask', form: 'register' }, 'primary'),
    button(b.away, { ...value, action: 'push.ask', form: 'away' }),
    button(b.managed, { ...value, action: 'push.ask', form: 'managed' }),
    button(b.forward, { ...value, action: 'push.ask', form: 'forward' }),
  ];
  return [plainText(rowText(r)), { tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: buttons.map((x) => ({ tag: 'column', width: 'auto', elements: [x] })) }];
}

function build(input: PushCheckCardInput, shown: number): Card {
  const mine = (r: PushRowView) => r.forwardedTo === null;
  const open = input.rows.filter((r) => mine(r) && r.status === 'pending');
  const elements: CardElement[] = [plainText(v.hint)];
  for (const r of input.rows.slice(0, shown)) {
    if (mine(r) && r.status === 'pending') elements.push(...(input.ask?.rowId === r.id ? [form(input.batchId, r, input.ask)] : pendingRow(input.batchId, r)));
    else elements.push(plainText(v.decided({ rowNo: r.rowNo, maskedName: r.maskedName, text: decidedText(r), at: r.forwardedTo ? null : r.decidedAt, timeZone: input.timeZone })));
  }
  if (input.rows.length > shown) elements.push(plainText(v.more(input.rows.length - shown)));
  const total = input.rows.filter(mine).length;
  const title = open.length ? v.title(input.village.name, open.length, input.deadline, input.timeZone) : v.doneTitle(input.village.name, total);
  return buildCard({ title, color: open.length ? 'orange' : 'green', elements, summary: title });
}

/**
 * 「待核查 · 东风村 · N人（…前）」: the village's rows of a pushed list, the unchecked first with
 * 在本村·登记, 不在本村, 已管控 and 转交 (each opens its form on the card), the checked with what came
 * of them. As many rows as fit Lark's budget (the open form counted); the rest wait for the
 * first to be done. The rows are in the order the card should show them.
 */
export function pushCheckCard(input: PushCheckCardInput): Card {
  // The row with an open form must be on the card: it is among the unchecked, which come first.
  const shown = mostRowsThatFit(input.rows.length, (n) => build(input, n));
  return build(input, Math.max(1, shown));
}
