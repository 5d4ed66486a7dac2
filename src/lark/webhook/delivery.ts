import crypto from 'node:crypto';
import { decryptLarkPayload, verifyLarkSignature, verifyLegacyCardSignature } from './verify';

export interface DeliverySecrets {
  verificationToken: string;
  encryptKey: string | undefined;
}

/** The outcome of checking one HTTP delivery from Lark, before anything is stored. */
export type DeliveryCheck =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'accepted'; body: Record<string, unknown>; legacyCard: boolean }
  | { kind: 'rejected'; status: 400 | 401; reason: RejectReason };

export type RejectReason =
  | 'not_json'
  | 'cannot_decrypt'
  | 'encrypted_without_key'
  | 'missing_headers'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'bad_token'
  | 'legacy_card_disabled';

/**
 * Verifies a delivery on its raw bytes: checks the signature (when an encrypt key is
 * configured) before anything is parsed or decrypted, then decrypts, answers
 * url_verification and checks the verification token. The SDK's own adapters skip the
 * token and hash a re-serialised body (LARK.md §1.6–1.7), hence ours.
 *
 * A legacy message-card callback (card.action.trigger_v1) is signed with sha1 keyed by the
 * Verification Token (LARK.md §4.1); it is accepted only where `allowLegacyCard` (config
 * HOMEWATCH_LEGACY_CARD_CALLBACKS), and recognised by its signature, not by parsing.
 */
export function checkDelivery(input: {
  rawBody: string;
  headers: Record<string, string | undefined>;
  secrets: DeliverySecrets;
  now: Date;
  allowLegacyCard: boolean;
}): DeliveryCheck {
  const { rawBody, headers, secrets, now } = input;
  const signed = Boolean(headers['x-lark-signature']);
  if (signed) {
    const v2 = secrets.encryptKey ? verifyLarkSignature({ headers, rawBody, encryptKey: secrets.encryptKey, now }) : null;
    if (v2?.ok !== true) {
      const legacy = verifyLegacyCardSignature({ headers, rawBody, verificationToken: secrets.verificationToken, now });
      if (legacy.ok || legacy.reason === 'stale_timestamp') {
        if (!input.allowLegacyCard) return reject(400, 'legacy_card_disabled');
        if (!legacy.ok) return reject(401, legacy.reason);
        const body = parseObject(rawBody);
        return body && 'action' in body ? { kind: 'accepted', body, legacyCard: true } : reject(400, 'not_json');
      }
      if (v2) return reject(401, v2.reason);
    }
  }

  // Unsigned: Lark does not sign the URL check (LARK.md §1.1), so with an encrypt key an
  // unsigned body is only good for that; the body limit (1 MB) bounds what is parsed.
  const outer = parseObject(rawBody);
  if (!outer) return reject(400, 'not_json');
  let body = outer;
  if (typeof outer.encrypt === 'string') {
    if (!secrets.encryptKey) return reject(400, 'encrypted_without_key');
    let plain: string;
    try {
      plain = decryptLarkPayload(outer.encrypt, secrets.encryptKey);
    } catch {
      return reject(400, 'cannot_decrypt');
    }
    const inner = parseObject(plain);
    if (!inner) return reject(400, 'not_json');
    body = inner;
  }

  if (body.type === 'url_verification') {
    if (!tokenMatches(body.token, secrets.verificationToken)) return reject(401, 'bad_token');
    return typeof body.challenge === 'string' ? { kind: 'challenge', challenge: body.challenge } : reject(400, 'not_json');
  }
  if (secrets.encryptKey && !signed) return reject(401, 'missing_headers');

  const header = body.header as Record<string, unknown> | undefined;
  const token = header ? header.token : body.token;
  if (!tokenMatches(token, secrets.verificationToken)) return reject(401, 'bad_token');
  return { kind: 'accepted', body, legacyCard: false };
}

function reject(status: 400 | 401, reason: RejectReason): DeliveryCheck {
  return { kind: 'rejected', status, reason };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function tokenMatches(token: unknown, expected: string): boolean {
  if (typeof token !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
