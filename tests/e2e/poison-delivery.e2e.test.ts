import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, inbox, incomingFiles } from '../../src/db/schema';
import { idCheckChar } from '../../src/domain/id-number';
import { common } from '../../src/messages/common';
import { buildMessageEvent, signedRequest } from '../helpers/lark-delivery';
import { ADMIN, ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';

const P2P = { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' as const };
const idNumber = (base: string) => base + idCheckChar(base);

/** Issue 11, finding 1: one message must not stop the bot. */
describe('a poisoned delivery', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.say('/村 添加 东风村', P2P);
  });
  afterAll(() => t.close());

  async function sendFile(fileName: string, from: string) {
    const chatId = `oc_p2p_${from}`;
    const event = buildMessageEvent({ messageType: 'file', content: { file_key: 'fk_poison', file_name: fileName }, chatId, chatType: 'p2p', senderOpenId: from, token: VERIFICATION_TOKEN, createTimeMs: t.clock.now.getTime() });
    t.fake.registerIncoming(event.event.message.message_id, chatId);
    const res = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
    return { status: res.status, messageId: event.event.message.message_id };
  }

  async function tenHelps() {
    const sent = [];
    for (let i = 0; i < 10; i++) {
      const chatId = `oc_help_${i}`;
      const event = buildMessageEvent({ text: '/帮助', chatId, chatType: 'p2p', senderOpenId: `ou_help_${i}`, token: VERIFICATION_TOKEN, createTimeMs: t.clock.now.getTime() });
      t.fake.registerIncoming(event.event.message.message_id, chatId);
      await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
      sent.push(event.event.message.message_id);
    }
    return sent;
  }
  const answered = (ids: string[]) => ids.filter((id) => t.fake.messages.some((m) => m.replyTo === id)).length;

  it('a file named with U+0000 is recorded under its cleaned name, and ten commands after it are answered in one pass', async () => {
    const file = await sendFile('a\u0000\u202Ecsv.xlsx', 'ou_stranger');
    const helps = await tenHelps();
    await t.settle();
    expect(file.status).toBe(200);
    const [row] = await t.db.db.select().from(incomingFiles).where(eq(incomingFiles.messageId, file.messageId));
    expect(row!.fileName).toBe('acsv.xlsx');
    expect(answered(helps)).toBe(10);
    const rows = await t.db.db.select({ status: inbox.status }).from(inbox);
    expect(rows.every((r) => r.status === 'done')).toBe(true);
  });

  it('a registration with U+0000, a lone surrogate and a bidi override in its address is registered cleaned', async () => {
    const { replies } = await t.say(`/登记 王小明 ${idNumber('11010519850317123')} 13812345678 居家隔离 东风村 幸福路\u0000\uD800\u202E8号`, P2P);
    expect(replies.join()).toContain('已登记 #1');
    const [c] = await t.db.db.select().from(cases).where(eq(cases.id, 1));
    expect(t.cipher.decrypt(c!.addressEnc!)).toBe('幸福路8号');
  });

  it('a 50 000-character address is refused before the command reads it, and nothing is registered', async () => {
    const before = (await t.db.db.select().from(cases)).length;
    const { replies } = await t.say(`/登记 李小红 ${idNumber('11010519900101002')} 13812345679 居家隔离 东风村 ${'幸'.repeat(50_000)}`, P2P);
    expect(replies).toEqual([common.tooLong('登记', 50_044, 500)]);
    expect(await t.db.db.select().from(cases)).toHaveLength(before);
  });

  it('a delivery stored before the normalisation existed is cleaned when it is processed', async () => {
    const event = buildMessageEvent({ text: '/帮助\u0000', chatId: 'oc_old', chatType: 'p2p', senderOpenId: 'ou_old', token: VERIFICATION_TOKEN });
    t.fake.registerIncoming(event.event.message.message_id, 'oc_old');
    await t.db.db.insert(inbox).values({ eventId: 'ev_old', messageId: event.event.message.message_id, eventType: 'im.message.receive_v1', payloadEnc: t.cipher.encrypt(JSON.stringify(event.event)) });
    await t.settle();
    expect(answered([event.event.message.message_id])).toBe(1);
  });

  it('a delivery that keeps failing is counted, retried with backoff, answered once, set aside — and blocks nobody, also after a restart', async () => {
    // A policy edit that dropped a category still in use: /查看 #1 cannot render the case.
    await t.db.db.update(cases).set({ category: 'withdrawn_category' });
    const bad = await t.say('/查看 #1', P2P);
    const row = async () => (await t.db.db.select().from(inbox).where(eq(inbox.messageId, bad.messageId)))[0]!;
    expect(await row()).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await row()).lastError).not.toContain('params');

    const health = async () => (await (await t.hw.app.request('/healthz')).json()) as { status: string; inbox: { retrying: number; failedRecently: number; status: string } };
    expect(await health()).toMatchObject({ status: 'degraded', inbox: { retrying: 1, status: 'failing' } });

    // Not due yet (2 s backoff): ten others go through meanwhile.
    const meanwhile = await tenHelps();
    await t.settle();
    expect(answered(meanwhile)).toBe(10);
    expect((await row()).attempts).toBe(1);

    await t.restart();
    const afterRestart = await tenHelps();
    await t.settle();
    expect(answered(afterRestart)).toBe(10);

    t.clock.now = new Date(t.clock.now.getTime() + 2_000);
    await t.settle();
    expect((await row()).attempts).toBe(2);
    // The second retry waits twice as long.
    t.clock.now = new Date(t.clock.now.getTime() + 2_000);
    await t.settle();
    expect((await row()).attempts).toBe(2);
    t.clock.now = new Date(t.clock.now.getTime() + 2_000);
    await t.settle();
    expect(await row()).toMatchObject({ status: 'failed', attempts: 3, payloadEnc: null });

    const answers = t.fake.messages.filter((m) => m.replyTo === bad.messageId).map((m) => (m.parsedContent as { text: string }).text);
    expect(answers).toEqual([common.deliveryFailed]);
    expect(await health()).toMatchObject({ status: 'degraded', inbox: { retrying: 0, failedRecently: 1, status: 'failing' } });
    const status = await t.say('/状态', P2P);
    expect(status.replies.join()).toContain('处理失败已搁置：1 条');
  });
});
