import { asc } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { common } from '../../src/messages/common';
import type { OutboundOperation } from '../../src/outbox/operations';
import { buildMessageEvent, signedRequest } from '../helpers/lark-delivery';
import { ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';

/** Issue 11, finding 8: one chat or one sender cannot hold the inbox. */
describe('fair claiming', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  async function post(text: string, from: string, chatId: string) {
    const event = buildMessageEvent({ text, chatId, chatType: 'p2p', senderOpenId: from, token: VERIFICATION_TOKEN, createTimeMs: t.clock.now.getTime() });
    t.fake.registerIncoming(event.event.message.message_id, chatId);
    const res = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
    expect(res.status).toBe(200);
    return event.event.message.message_id;
  }

  /** The replies in the order the inbox worker wrote them (outbox ids follow processing order). */
  async function replyOrder(): Promise<string[]> {
    const rows = await t.db.db.select({ operation: outbox.operation }).from(outbox).orderBy(asc(outbox.id));
    return rows.map((r) => (r.operation as OutboundOperation & { chatId: string }).chatId);
  }

  it('a chat with a backlog of 100 takes one turn per round: a command from another chat is handled next', async () => {
    t = await startTestApp();
    for (let i = 0; i < 100; i++) await post('/帮助', 'ou_flood', 'oc_flood');
    await post('/帮助', 'ou_cadre', 'oc_cadre');
    await post('/帮助', 'ou_other', 'oc_other');
    await t.settle();
    const order = await replyOrder();
    expect(order).toHaveLength(102);
    // Round 1: the first of each chat (the flood had its first turn before the others arrived).
    expect(order.indexOf('oc_cadre')).toBeLessThanOrEqual(1);
    expect(order.indexOf('oc_other')).toBeLessThanOrEqual(2);
    await t.close();
  }, 120_000);

  it('a sender over the budget is told 「操作太频繁」 once and the rest is dropped, until the budget refills', async () => {
    t = await startTestApp({ env: { HOMEWATCH_SENDER_BURST: '30', HOMEWATCH_SENDER_PER_MINUTE: '20' } });
    for (let i = 0; i < 100; i++) await post('/帮助', 'ou_flood', 'oc_flood');
    const cadre = await post('/帮助', 'ou_cadre', 'oc_cadre');
    await t.settle();
    const toFlood = t.fake.messages.filter((m) => m.chatId === 'oc_flood' || m.receiveId === 'oc_flood');
    const texts = toFlood.map((m) => (m.msgType === 'text' ? (m.parsedContent as { text: string }).text : 'card'));
    expect(texts).toHaveLength(31);
    expect(texts.filter((x) => x === common.tooFrequent)).toHaveLength(1);
    expect(texts.at(-1)).toBe(common.tooFrequent);
    expect(t.fake.messages.filter((m) => m.replyTo === cadre)).toHaveLength(1);

    // A minute later 20 more are allowed, and the warning may come again once.
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const again = [];
    for (let i = 0; i < 25; i++) again.push(await post('/帮助', 'ou_flood', 'oc_flood'));
    await t.settle();
    const answers = again.map((id) => t.fake.messages.filter((m) => m.replyTo === id).map((m) => (m.msgType === 'text' ? (m.parsedContent as { text: string }).text : 'card')));
    // The outbox's waits for Lark's rate limit move the test clock too, refilling a little more.
    const handled = answers.filter((a) => a.length === 1 && a[0] !== common.tooFrequent).length;
    expect(handled).toBeGreaterThanOrEqual(20);
    expect(handled).toBeLessThan(24);
    expect(answers.filter((a) => a[0] === common.tooFrequent)).toHaveLength(1);
    expect(answers.filter((a) => a.length === 0)).toHaveLength(25 - handled - 1);
  }, 120_000);
});
