import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inbox } from '../../src/db/schema';
import { encryptLarkPayload } from '../../src/lark/webhook/verify';
import { buildCardAction, buildChallenge, buildMessageEvent, signedLegacyCardRequest, signedRequest } from '../helpers/lark-delivery';
import { ADMIN, ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';

describe('Lark webhook: verification, challenge, inbox', () => {
  let t: TestApp;
  const ts = () => unixSeconds(t.clock.now);
  const helpEvent = (overrides: { eventId?: string; messageId?: string; token?: string } = {}) => {
    const event = buildMessageEvent({
      text: '/帮助',
      chatId: 'oc_p2p_admin',
      chatType: 'p2p',
      senderOpenId: ADMIN,
      token: overrides.token ?? VERIFICATION_TOKEN,
      eventId: overrides.eventId,
      messageId: overrides.messageId,
    });
    t.fake.registerIncoming(event.event.message.message_id, 'oc_p2p_admin');
    return event;
  };
  const inboxRows = () => t.db.db.select().from(inbox);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.fake.reset());

  it('answers a plain url_verification with the challenge', async () => {
    const res = await t.post('/lark/events', { rawBody: JSON.stringify(buildChallenge({ token: VERIFICATION_TOKEN, challenge: 'c-123' })), headers: {} });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers an encrypted url_verification, also on the card callback URL', async () => {
    const body = JSON.stringify({ encrypt: encryptLarkPayload(JSON.stringify(buildChallenge({ token: VERIFICATION_TOKEN, challenge: 'c-456' })), ENCRYPT_KEY) });
    for (const path of ['/lark/events', '/lark/cards']) {
      const res = await t.post(path, { rawBody: body, headers: {} });
      expect(await res.json()).toEqual({ challenge: 'c-456' });
    }
  });

  it('refuses a url_verification with the wrong token', async () => {
    const res = await t.post('/lark/events', { rawBody: JSON.stringify(buildChallenge({ token: 'nope', challenge: 'c' })), headers: {} });
    expect(res.status).toBe(401);
  });

  it('stores a signed delivery before acknowledging and processes it afterwards', async () => {
    const event = helpEvent();
    const res = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    expect(res.status).toBe(200);
    const [row] = (await inboxRows()).filter((r) => r.eventId === event.header.event_id);
    expect(row).toMatchObject({ status: 'pending', messageId: event.event.message.message_id });
    expect(row!.payloadEnc).not.toContain('/帮助');
    expect(t.fake.messages).toHaveLength(0);
    await t.settle();
    const [done] = (await inboxRows()).filter((r) => r.eventId === event.header.event_id);
    expect(done).toMatchObject({ status: 'done', payloadEnc: null });
    expect(t.fake.messages.filter((m) => m.replyTo === event.event.message.message_id)).toHaveLength(1);
  });

  it('ignores a redelivery: same event_id, or same message_id under a new event_id', async () => {
    const event = helpEvent();
    const first = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    const again = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    const sameMessage = helpEvent({ messageId: event.event.message.message_id });
    const third = await t.post('/lark/events', signedRequest(sameMessage, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    expect([first.status, again.status, third.status]).toEqual([200, 200, 200]);
    await t.settle();
    expect(t.fake.messages.filter((m) => m.replyTo === event.event.message.message_id)).toHaveLength(1);
    expect((await inboxRows()).filter((r) => r.messageId === event.event.message.message_id)).toHaveLength(1);
  });

  describe('rejections change nothing', () => {
    const cases: [string, () => { rawBody: string; headers: Record<string, string> }, number][] = [
      ['missing signature headers', () => ({ rawBody: signedRequest(helpEvent(), { encryptKey: ENCRYPT_KEY }).rawBody, headers: {} }), 401],
      ['wrong signature', () => {
        const req = signedRequest(helpEvent(), { encryptKey: ENCRYPT_KEY, timestamp: ts() });
        return { ...req, headers: { ...req.headers, 'X-Lark-Signature': '0'.repeat(64) } };
      }, 401],
      ['signed with another key', () => signedRequest(helpEvent(), { encryptKey: 'other key', timestamp: ts() }), 401],
      ['timestamp 6 minutes old', () => signedRequest(helpEvent(), { encryptKey: ENCRYPT_KEY, timestamp: String(Number(ts()) - 360) }), 401],
      ['timestamp 6 minutes ahead', () => signedRequest(helpEvent(), { encryptKey: ENCRYPT_KEY, timestamp: String(Number(ts()) + 360) }), 401],
      ['body changed after signing', () => {
        const req = signedRequest(helpEvent(), { encryptKey: ENCRYPT_KEY, timestamp: ts() });
        return { ...req, rawBody: req.rawBody.replace('{"encrypt":"', '{"encrypt":"A') };
      }, 401],
      ['wrong verification token inside a valid signature', () => signedRequest(helpEvent({ token: 'stolen' }), { encryptKey: ENCRYPT_KEY, timestamp: ts() }), 401],
      ['not JSON', () => ({ rawBody: 'hello', headers: {} }), 400],
      ['unsigned plaintext event', () => ({ rawBody: JSON.stringify(helpEvent()), headers: {} }), 401],
    ];
    for (const [name, build, status] of cases) {
      it(name, async () => {
        const before = (await inboxRows()).length;
        const res = await t.post('/lark/events', build());
        expect(res.status).toBe(status);
        await t.settle();
        expect((await inboxRows()).length).toBe(before);
        expect(t.fake.messages).toHaveLength(0);
      });
    }
  });

  it('acknowledges an unknown event type without storing it', async () => {
    const before = (await inboxRows()).length;
    const event = { schema: '2.0', header: { event_id: 'evt_unknown_1', event_type: 'im.chat.member.bot.added_v1', token: VERIFICATION_TOKEN }, event: { chat_id: 'oc_x' } };
    const res = await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    expect(res.status).toBe(200);
    expect((await inboxRows()).length).toBe(before);
  });

  it('answers a card callback synchronously with a toast (no button is live yet)', async () => {
    const action = buildCardAction({ operatorOpenId: ADMIN, value: { action: 'nothing.here' }, chatId: 'oc_x', messageId: 'om_x', token: VERIFICATION_TOKEN });
    const res = await t.post('/lark/cards', signedRequest(action, { encryptKey: ENCRYPT_KEY, timestamp: ts() }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ toast: { type: 'warning' } });
  });

  it('refuses a legacy card callback unless enabled in config, and a forged one in any case', async () => {
    const legacy = { open_id: ADMIN, open_message_id: 'om_x', token: 'c-x', action: { value: { action: 'nothing.here' }, tag: 'button' } };
    const good = await t.post('/lark/cards', signedLegacyCardRequest(legacy, { verificationToken: VERIFICATION_TOKEN, timestamp: ts() }));
    expect(good.status).toBe(400);
    expect(await good.json()).toEqual({ msg: 'legacy_card_disabled' });
    const forged = await t.post('/lark/cards', signedLegacyCardRequest(legacy, { verificationToken: 'guess', timestamp: ts() }));
    expect(forged.status).toBe(401);
  });
});

describe('Lark webhook without an encrypt key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LARK_ENCRYPT_KEY: '' } });
  });
  afterAll(() => t.close());

  it('accepts a plaintext delivery with the right token and refuses a wrong one', async () => {
    const ok = buildMessageEvent({ text: '/帮助', chatId: 'oc_p', chatType: 'p2p', senderOpenId: ADMIN, token: VERIFICATION_TOKEN });
    const bad = buildMessageEvent({ text: '/帮助', chatId: 'oc_p', chatType: 'p2p', senderOpenId: ADMIN, token: 'wrong' });
    expect((await t.post('/lark/events', { rawBody: JSON.stringify(ok), headers: {} })).status).toBe(200);
    expect((await t.post('/lark/events', { rawBody: JSON.stringify(bad), headers: {} })).status).toBe(401);
    const encrypted = signedRequest(ok, { encryptKey: 'some key' });
    expect((await t.post('/lark/events', encrypted)).status).toBe(400);
  });
});

describe('restart with unprocessed deliveries', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('processes what was stored but not processed, exactly once, after a restart', async () => {
    const events = [1, 2, 3].map(() => {
      const e = buildMessageEvent({ text: '/帮助', chatId: 'oc_p2p_admin', chatType: 'p2p', senderOpenId: ADMIN, token: VERIFICATION_TOKEN });
      t.fake.registerIncoming(e.event.message.message_id, 'oc_p2p_admin');
      return e;
    });
    for (const e of events) {
      expect((await t.post('/lark/events', signedRequest(e, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }))).status).toBe(200);
    }
    await t.restart();
    await t.settle();
    for (const e of events) {
      expect(t.fake.messages.filter((m) => m.replyTo === e.event.message.message_id)).toHaveLength(1);
    }
    const rows = await t.db.db.select().from(inbox);
    expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done']);
    await t.restart();
    await t.settle();
    expect(t.fake.messages).toHaveLength(3);
  });
});
