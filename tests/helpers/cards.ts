import { expectCardAccepted } from './card-check';
import type { FakeMessage } from './fake-lark-server';
import { buildCardAction, signedRequest } from './lark-delivery';
import { ENCRYPT_KEY, type TestApp, unixSeconds, VERIFICATION_TOKEN } from './test-app';

export interface CardButton {
  text: string;
  value: Record<string, unknown>;
}

/** A message's card as members see it now: the newest PATCH, else as sent (a card checked as Lark checks it). */
export function currentCard(m: FakeMessage): unknown {
  const content: unknown = JSON.parse(m.patches.at(-1) ?? m.content);
  if (m.msgType === 'interactive') expectCardAccepted(content);
  return content;
}

function walk(node: unknown, visit: (o: Record<string, unknown>) => void) {
  if (Array.isArray(node)) for (const n of node) walk(n, visit);
  else if (node && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const v of Object.values(node)) walk(v, visit);
  }
}

/** Every button with a callback, in the order shown. */
export function buttonsOf(card: unknown): CardButton[] {
  const found: CardButton[] = [];
  walk(card, (o) => {
    if (o.tag !== 'button') return;
    const behaviors = (o.behaviors ?? []) as { type: string; value?: Record<string, unknown> }[];
    const callback = behaviors.find((b) => b.type === 'callback');
    if (callback?.value) found.push({ text: String((o.text as { content: string }).content), value: callback.value });
  });
  return found;
}

/** All text a member reads on the card (title included), one piece per line. */
export function textOf(card: unknown): string {
  const parts: string[] = [];
  walk(card, (o) => {
    if ((o.tag === 'plain_text' || o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') parts.push(o.content);
  });
  return parts.join('\n');
}

/** The button whose text is `text` and whose value matches `where` (e.g. a dutyId). */
export function findButton(card: unknown, text: string, where: Record<string, unknown> = {}): CardButton {
  const b = buttonsOf(card).find((x) => x.text === text && Object.entries(where).every(([k, v]) => x.value[k] === v));
  if (!b) throw new Error(`no button "${text}" ${JSON.stringify(where)} on the card:\n${textOf(card)}\n${JSON.stringify(buttonsOf(card))}`);
  return b;
}

export interface PressResult {
  status: number;
  toast?: { type: string; content: string };
  card?: unknown;
}

/**
 * Presses a button as `operator` on message `messageId` in `chatId`: a signed, encrypted
 * card.action.trigger, then settles the app (so patches and alerts are delivered).
 */
export async function press(
  t: TestApp,
  input: { operator: string; chatId: string; messageId: string; value: Record<string, unknown>; formValue?: Record<string, unknown> },
): Promise<PressResult> {
  const event = buildCardAction({
    operatorOpenId: input.operator,
    value: input.value,
    formValue: input.formValue,
    chatId: input.chatId,
    messageId: input.messageId,
    token: VERIFICATION_TOKEN,
    ...(input.formValue ? { name: 'submit' } : {}),
  });
  const res = await t.post('/lark/cards', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
  const body = (await res.json()) as { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };
  // Lark builds the card of the answer; one it refuses is recorded and fails the settle below.
  if (body.card) t.fake.checkCallbackCard(body.card.data);
  await t.settle();
  return { status: res.status, toast: body.toast, card: body.card?.data };
}
