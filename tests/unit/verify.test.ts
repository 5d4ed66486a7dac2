import crypto from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import {
  LarkDecryptError,
  computeLarkSignature,
  computeLegacyCardSignature,
  decryptLarkPayload,
  encryptLarkPayload,
  verifyLarkSignature,
  verifyLegacyCardSignature,
} from '../../src/lark/webhook/verify';
import {
  buildCardAction,
  buildChallenge,
  buildMessageEvent,
  signedLegacyCardRequest,
  signedRequest,
} from '../helpers/lark-delivery';

// Vectors from /work/shared/LARK.md §1.5, §1.6, §4.1.
const T1 = { key: 'test key', encrypt: 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=', plain: 'hello world' };
const T2 = {
  key: 'mazhe.nerd',
  encrypt:
    'tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e',
  plain:
    '{"challenge":"5634b122-c042-4634-bc7f-b07a3c3e77ad","token":"iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6","type":"url_verification"}',
};
const V1 = {
  timestamp: '1700000000',
  nonce: 'abc',
  encryptKey: 'test key',
  rawBody: '{"encrypt":"P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="}',
  signature: '0c09d96c2aef2ad08179b3967ea410bbc91dab24ce3aec05af962cf1935844af',
};
const V2 = {
  key: 'test key',
  iv: Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
  plain: '{"challenge":"ajls384kdjx98XX","token":"xxxxxx","type":"url_verification"}',
  encrypt:
    'AAECAwQFBgcICQoLDA0ODw9mLTIAZS9jAmGTQ1wAhHpnBHVL2wRjH9rPunQdQC1vLjsckayA10kZ8cPwtb62F8rC7JprUPR/4S2aZihfR+p8npX7UzWPithZmfKIPZgE',
  signature: '3e0bfe106efb35a821059d403d383561a5a2309559d1439339a6ad6227972f1e',
};
const LEGACY = {
  timestamp: '1700000000',
  nonce: 'abc',
  verificationToken: 'vtok',
  rawBody:
    '{"open_id":"ou_sdfimx9948345","user_id":"eu_sd923r0sdf5","open_message_id":"om_abcdefg1234567890","tenant_key":"d32004232","token":"c-xxxxx","action":{"value":{"key":"value"},"tag":"button"}}',
  signature: '2572464cbdee289eca4a124c16893904b24f3bc4',
};

const AT_V1 = new Date(1_700_000_000 * 1000);

function headersFor(timestamp: string, nonce: string, signature: string) {
  return {
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signature,
  };
}

describe('decryptLarkPayload', () => {
  it('decrypts the official docs vector T1', () => {
    expect(decryptLarkPayload(T1.encrypt, T1.key)).toBe(T1.plain);
  });

  it('decrypts the SDK test vector T2', () => {
    expect(decryptLarkPayload(T2.encrypt, T2.key)).toBe(T2.plain);
  });

  it('throws LarkDecryptError for a wrong key', () => {
    expect(() => decryptLarkPayload(T1.encrypt, 'wrong key')).toThrow(LarkDecryptError);
  });

  it('throws LarkDecryptError for input that is not IV + whole blocks', () => {
    expect(() => decryptLarkPayload('', T1.key)).toThrow(LarkDecryptError);
    expect(() => decryptLarkPayload(Buffer.alloc(20).toString('base64'), T1.key)).toThrow(LarkDecryptError);
    expect(() => decryptLarkPayload('not base64 at all!', T1.key)).toThrow(LarkDecryptError);
  });
});

describe('encryptLarkPayload', () => {
  it('reproduces V2 with a fixed IV', () => {
    expect(encryptLarkPayload(V2.plain, V2.key, V2.iv)).toBe(V2.encrypt);
  });

  it('round-trips unicode through our decrypt and the SDK AESCipher', () => {
    const plain = JSON.stringify({ text: '居家隔离 ✓ — status', n: 42 });
    const encrypted = encryptLarkPayload(plain, 'k3y');
    expect(decryptLarkPayload(encrypted, 'k3y')).toBe(plain);
    expect(new lark.AESCipher('k3y').decrypt(encrypted)).toBe(plain);
  });

  it('uses a fresh random IV per call', () => {
    expect(encryptLarkPayload('same', 'k')).not.toBe(encryptLarkPayload('same', 'k'));
  });

  it('rejects an IV that is not 16 bytes', () => {
    expect(() => encryptLarkPayload('x', 'k', Buffer.alloc(8))).toThrow(RangeError);
  });
});

describe('computeLarkSignature', () => {
  it('matches V1', () => {
    expect(computeLarkSignature(V1)).toBe(V1.signature);
  });

  it('matches V2 over the encrypted envelope', () => {
    const rawBody = JSON.stringify({ encrypt: V2.encrypt });
    expect(computeLarkSignature({ timestamp: '1700000000', nonce: 'abc', encryptKey: V2.key, rawBody })).toBe(
      V2.signature,
    );
  });
});

describe('verifyLarkSignature', () => {
  const base = { rawBody: V1.rawBody, encryptKey: V1.encryptKey, now: AT_V1 };

  it('accepts V1', () => {
    expect(verifyLarkSignature({ ...base, headers: headersFor(V1.timestamp, V1.nonce, V1.signature) })).toEqual({
      ok: true,
    });
  });

  it('rejects a wrong signature of the right length', () => {
    const wrong = V1.signature.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(verifyLarkSignature({ ...base, headers: headersFor(V1.timestamp, V1.nonce, wrong) })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a signature of a different length without throwing', () => {
    expect(verifyLarkSignature({ ...base, headers: headersFor(V1.timestamp, V1.nonce, 'abc') })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a tampered body', () => {
    const headers = headersFor(V1.timestamp, V1.nonce, V1.signature);
    expect(verifyLarkSignature({ ...base, headers, rawBody: V1.rawBody.replace('P37w', 'Q37w') })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // Re-serialised JSON with different whitespace is a different body.
    expect(verifyLarkSignature({ ...base, headers, rawBody: V1.rawBody.replace(':', ': ') })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects a wrong encrypt key and a changed nonce', () => {
    const headers = headersFor(V1.timestamp, V1.nonce, V1.signature);
    expect(verifyLarkSignature({ ...base, headers, encryptKey: 'other' }).ok).toBe(false);
    expect(verifyLarkSignature({ ...base, headers: headersFor(V1.timestamp, 'abd', V1.signature) }).ok).toBe(false);
  });

  it.each(['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'])('reports missing %s', (name) => {
    const headers: Record<string, string | undefined> = headersFor(V1.timestamp, V1.nonce, V1.signature);
    headers[name] = undefined;
    expect(verifyLarkSignature({ ...base, headers })).toEqual({ ok: false, reason: 'missing_headers' });
    headers[name] = '';
    expect(verifyLarkSignature({ ...base, headers })).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('rejects a correctly signed but stale timestamp in both directions', () => {
    const headers = headersFor(V1.timestamp, V1.nonce, V1.signature);
    const late = new Date(AT_V1.getTime() + 301_000);
    const early = new Date(AT_V1.getTime() - 301_000);
    expect(verifyLarkSignature({ ...base, headers, now: late })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyLarkSignature({ ...base, headers, now: early })).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifyLarkSignature({ ...base, headers, now: new Date(AT_V1.getTime() + 300_000) }).ok).toBe(true);
    expect(verifyLarkSignature({ ...base, headers, now: new Date(AT_V1.getTime() - 300_000) }).ok).toBe(true);
  });

  it('honours a custom maxSkewSeconds', () => {
    const headers = headersFor(V1.timestamp, V1.nonce, V1.signature);
    const now = new Date(AT_V1.getTime() + 61_000);
    expect(verifyLarkSignature({ ...base, headers, now, maxSkewSeconds: 60 }).ok).toBe(false);
    expect(verifyLarkSignature({ ...base, headers, now, maxSkewSeconds: 120 }).ok).toBe(true);
  });

  it('treats a 13-digit timestamp as milliseconds', () => {
    const timestamp = '1700000000123';
    const signature = computeLarkSignature({ ...V1, timestamp });
    const headers = headersFor(timestamp, V1.nonce, signature);
    expect(verifyLarkSignature({ ...base, headers, now: new Date(1_700_000_010_000) })).toEqual({ ok: true });
    expect(verifyLarkSignature({ ...base, headers, now: new Date(1_700_000_400_000) })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('treats a non-numeric timestamp as stale even when signed', () => {
    const timestamp = 'yesterday';
    const signature = computeLarkSignature({ ...V1, timestamp });
    expect(verifyLarkSignature({ ...base, headers: headersFor(timestamp, V1.nonce, signature) })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('accepts an uppercase hex signature', () => {
    const headers = headersFor(V1.timestamp, V1.nonce, V1.signature.toUpperCase());
    expect(verifyLarkSignature({ ...base, headers }).ok).toBe(true);
  });

  it('verifies a freshly encrypted and signed envelope end to end', () => {
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const nonce = crypto.randomUUID();
    const rawBody = JSON.stringify({ encrypt: encryptLarkPayload('{"a":1}', 'live key') });
    const signature = computeLarkSignature({ timestamp, nonce, encryptKey: 'live key', rawBody });
    const result = verifyLarkSignature({ headers: headersFor(timestamp, nonce, signature), rawBody, encryptKey: 'live key', now });
    expect(result).toEqual({ ok: true });
    expect(decryptLarkPayload(JSON.parse(rawBody).encrypt, 'live key')).toBe('{"a":1}');
  });
});

describe('legacy card signature (card.action.trigger_v1)', () => {
  it('matches the LARK.md sha1 vector', () => {
    expect(computeLegacyCardSignature(LEGACY)).toBe(LEGACY.signature);
  });

  it('verifies, and rejects tampering, missing headers and stale timestamps', () => {
    const headers = headersFor(LEGACY.timestamp, LEGACY.nonce, LEGACY.signature);
    const input = { headers, rawBody: LEGACY.rawBody, verificationToken: LEGACY.verificationToken, now: AT_V1 };
    expect(verifyLegacyCardSignature(input)).toEqual({ ok: true });
    expect(verifyLegacyCardSignature({ ...input, verificationToken: 'other' })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLegacyCardSignature({ ...input, rawBody: LEGACY.rawBody.replace('c-xxxxx', 'c-yyyyy') })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLegacyCardSignature({ ...input, headers: { ...headers, 'x-lark-signature': undefined } })).toEqual({
      ok: false,
      reason: 'missing_headers',
    });
    expect(verifyLegacyCardSignature({ ...input, now: new Date(AT_V1.getTime() + 3_600_000) })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    });
  });

  it('does not accept the sha256 event scheme for a legacy card', () => {
    const sha256 = computeLarkSignature({ ...LEGACY, encryptKey: LEGACY.verificationToken });
    const headers = headersFor(LEGACY.timestamp, LEGACY.nonce, sha256);
    expect(
      verifyLegacyCardSignature({ headers, rawBody: LEGACY.rawBody, verificationToken: LEGACY.verificationToken, now: AT_V1 }).ok,
    ).toBe(false);
  });
});

describe('tests/helpers/lark-delivery produces deliveries the SDK accepts', () => {
  const KEY = 'delivery key';
  const VTOKEN = 'verification-token';
  const sdkLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

  // The SDK reads headers from the prototype so JSON.stringify(data) stays the signed body (LARK.md §2.1).
  function sdkData(req: { rawBody: string; headers: Record<string, string> }) {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { headers, data: Object.assign(Object.create({ headers }), JSON.parse(req.rawBody)) };
  }

  it('signs and encrypts a message event that verifies and dispatches', async () => {
    const event = buildMessageEvent({
      text: '@_user_1 status please',
      chatId: 'oc_group1',
      senderOpenId: 'ou_user1',
      mentions: [{ key: '@_user_1', openId: 'ou_bot', name: 'homewatch' }],
      token: VTOKEN,
    });
    const req = signedRequest(event, { encryptKey: KEY });
    const { headers, data } = sdkData(req);
    expect(verifyLarkSignature({ headers, rawBody: req.rawBody, encryptKey: KEY, now: new Date() })).toEqual({ ok: true });
    expect(JSON.parse(decryptLarkPayload(JSON.parse(req.rawBody).encrypt, KEY))).toEqual(event);

    let received: { message?: { chat_id: string; content: string; mentions?: unknown[] }; token?: string } = {};
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, verificationToken: VTOKEN, logger: sdkLogger }).register({
      'im.message.receive_v1': async (d) => {
        received = d as typeof received;
      },
    });
    await dispatcher.invoke(data);
    expect(received.message?.chat_id).toBe('oc_group1');
    expect(JSON.parse(received.message?.content ?? '{}')).toEqual({ text: '@_user_1 status please' });
    expect(received.token).toBe(VTOKEN);
  });

  it('builds a card action the SDK flattens with the update token and context', async () => {
    const event = buildCardAction({
      operatorOpenId: 'ou_user1',
      value: { action: 'approve', id: '42' },
      formValue: { reason: 'ok' },
      chatId: 'oc_group1',
      messageId: 'om_card',
      token: VTOKEN,
      name: 'submit_btn',
    });
    const { data } = sdkData(signedRequest(event, { encryptKey: KEY }));
    const dispatcher = new lark.EventDispatcher({ encryptKey: KEY, logger: sdkLogger }).register({
      'card.action.trigger': async (d: Record<string, any>) => ({ seen: d }),
    } as Record<string, (d: Record<string, any>) => Promise<unknown>>);
    const result = (await dispatcher.invoke(data)) as { seen: Record<string, any> };
    expect(result.seen.token).toMatch(/^c-/);
    expect(result.seen.action).toMatchObject({ value: { action: 'approve', id: '42' }, form_value: { reason: 'ok' }, name: 'submit_btn' });
    expect(result.seen.context).toEqual({ open_message_id: 'om_card', open_chat_id: 'oc_group1' });
    expect(result.seen.operator.open_id).toBe('ou_user1');
  });

  it('can sign a plaintext body and a challenge', () => {
    const req = signedRequest(buildChallenge({ token: VTOKEN, challenge: 'c-1' }), { encryptKey: KEY, encrypt: false, timestamp: '1700000000', nonce: 'n' });
    expect(JSON.parse(req.rawBody)).toEqual({ challenge: 'c-1', token: VTOKEN, type: 'url_verification' });
    expect(req.headers['X-Lark-Signature']).toBe(computeLarkSignature({ timestamp: '1700000000', nonce: 'n', encryptKey: KEY, rawBody: req.rawBody }));
    expect(req.headers['Content-Type']).toBe('application/json');
  });

  it('signs a legacy card callback that the SDK CardActionHandler accepts', async () => {
    const body = { open_id: 'ou_user1', open_message_id: 'om_card', tenant_key: 't', token: 'c-1', action: { value: { a: 1 }, tag: 'button' } };
    const req = signedLegacyCardRequest(body, { verificationToken: VTOKEN });
    const { headers, data } = sdkData(req);
    expect(verifyLegacyCardSignature({ headers, rawBody: req.rawBody, verificationToken: VTOKEN, now: new Date() })).toEqual({ ok: true });
    const handler = new lark.CardActionHandler({ verificationToken: VTOKEN, logger: sdkLogger }, async () => ({ handled: true }));
    expect(await handler.invoke(data)).toEqual({ handled: true });
  });
});
