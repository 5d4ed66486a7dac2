import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inbox } from '../../src/db/schema';
import { buildCardAction, buildMessageEvent, signedLegacyCardRequest, signedRequest } from '../helpers/lark-delivery';
import { ADMIN, ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';

/** Issue 11, finding 6: big bodies are refused before they are read; nothing is parsed before the signature. */
describe('request limits on the webhook', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  const ts = () => unixSeconds(t.clock.now);

  it('refuses a body over 1 MB by its Content-Length with 413, and stores nothing', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const res = await t.hw.app.request('/lark/events', { method: 'POST', body: big, headers: { 'content-type': 'application/json', 'content-length': String(big.length) } });
    expect(res.status).toBe(413);
    expect(await t.db.db.select().from(inbox)).toHaveLength(0);
  });

  it('refuses a streamed body without Content-Length once it passes 1 MB, without reading the rest', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await t.hw.app.request('/lark/cards', { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    // 1 MB is 16 chunks; the 64 MB behind them were never pulled.
    expect(pulled).toBeLessThan(40);
  });

  it('accepts a real delivery just under the limit', async () => {
    const event = buildMessageEvent({ text: `/帮助 ${'字'.repeat(100_000)}`, chatId: 'oc_p', chatType: 'p2p', senderOpenId: ADMIN, token: VERIFICATION_TOKEN });
    const req = signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: ts() });
    expect(req.rawBody.length).toBeLessThan(1024 * 1024);
    expect((await t.post('/lark/events', req)).status).toBe(200);
  });

  it('checks the signature before parsing: a forged body that is not even JSON is a bad signature, not bad JSON', async () => {
    const req = signedRequest({ any: 1 }, { encryptKey: 'not-the-key', timestamp: ts() });
    const res = await t.post('/lark/events', { rawBody: '{"encrypt": "unterminated', headers: req.headers });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ msg: 'bad_signature' });
  });
});

describe('legacy card callbacks enabled in config', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { HOMEWATCH_LEGACY_CARD_CALLBACKS: 'on' } });
  });
  afterAll(() => t.close());

  it('accepts a legacy callback with its sha1 signature, on /cards only', async () => {
    const legacy = { open_id: ADMIN, open_message_id: 'om_x', token: 'c-x', action: { value: { action: 'nothing.here' }, tag: 'button' } };
    const req = () => signedLegacyCardRequest(legacy, { verificationToken: VERIFICATION_TOKEN, timestamp: unixSeconds(t.clock.now) });
    const good = await t.post('/lark/cards', req());
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ toast: { type: 'warning' } });
    expect((await t.post('/lark/events', req())).status).toBe(400);
    const v2 = buildCardAction({ operatorOpenId: ADMIN, value: { action: 'nothing.here' }, chatId: 'oc_x', messageId: 'om_x', token: VERIFICATION_TOKEN });
    expect((await t.post('/lark/cards', signedRequest(v2, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }))).status).toBe(200);
  });
});
