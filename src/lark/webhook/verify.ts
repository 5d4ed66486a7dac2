import crypto from 'node:crypto';

/**
 * Lark webhook security primitives (LARK.md §1.5, §1.6, §4.1). Kept free of any HTTP
 * framework so the webhook route, the CLI and our Lark simulator all share one implementation.
 */

export class LarkDecryptError extends Error {
  override readonly name = 'LarkDecryptError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type LarkVerifyResult =
  | { ok: true }
  | { ok: false; reason: 'missing_headers' | 'bad_signature' | 'stale_timestamp' };

export type LarkHeaders = Record<string, string | undefined>;

const IV_BYTES = 16;
const BLOCK_BYTES = 16;
// fatal: a wrong key occasionally yields valid PKCS7 padding by chance; rejecting invalid
// UTF-8 turns most of those into an error instead of garbage handed to JSON.parse.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function aesKey(encryptKey: string): Buffer {
  return crypto.createHash('sha256').update(encryptKey, 'utf8').digest();
}

export function decryptLarkPayload(encrypt: string, encryptKey: string): string {
  const raw = Buffer.from(encrypt, 'base64');
  const body = raw.subarray(IV_BYTES);
  if (body.length === 0 || body.length % BLOCK_BYTES !== 0) {
    throw new LarkDecryptError(`encrypted payload has invalid length ${raw.length}`);
  }
  try {
    const decipher = crypto.createDecipheriv('aes-256-cbc', aesKey(encryptKey), raw.subarray(0, IV_BYTES));
    return strictUtf8.decode(Buffer.concat([decipher.update(body), decipher.final()]));
  } catch (cause) {
    throw new LarkDecryptError('cannot decrypt Lark payload (wrong Encrypt Key?)', { cause });
  }
}

/** Inverse of decryptLarkPayload; the platform never needs it, our simulator does. */
export function encryptLarkPayload(plain: string, encryptKey: string, iv: Buffer = crypto.randomBytes(IV_BYTES)): string {
  if (iv.length !== IV_BYTES) throw new RangeError(`iv must be ${IV_BYTES} bytes, got ${iv.length}`);
  const cipher = crypto.createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

interface SignatureInput {
  timestamp: string;
  nonce: string;
  rawBody: string;
}

// The signature covers the raw body bytes; re-serialising parsed JSON breaks it (LARK.md §1.6).
function digest(algorithm: 'sha256' | 'sha1', secret: string, { timestamp, nonce, rawBody }: SignatureInput): string {
  return crypto
    .createHash(algorithm)
    .update(timestamp + nonce + secret, 'utf8')
    .update(rawBody, 'utf8')
    .digest('hex');
}

export function computeLarkSignature(input: SignatureInput & { encryptKey: string }): string {
  return digest('sha256', input.encryptKey, input);
}

/** Legacy card.action.trigger_v1 scheme: sha1 keyed with the Verification Token (LARK.md §4.1). */
export function computeLegacyCardSignature(input: SignatureInput & { verificationToken: string }): string {
  return digest('sha1', input.verificationToken, input);
}

interface VerifyCommon {
  /** Lower-case header names, as Node and the Fetch Headers API expose them. */
  headers: LarkHeaders;
  rawBody: string;
  now: Date;
  maxSkewSeconds?: number;
}

export function verifyLarkSignature(input: VerifyCommon & { encryptKey: string }): LarkVerifyResult {
  return verifyWith(input, (parts) => computeLarkSignature({ ...parts, encryptKey: input.encryptKey }));
}

export function verifyLegacyCardSignature(input: VerifyCommon & { verificationToken: string }): LarkVerifyResult {
  return verifyWith(input, (parts) =>
    computeLegacyCardSignature({ ...parts, verificationToken: input.verificationToken }),
  );
}

function verifyWith(
  { headers, rawBody, now, maxSkewSeconds = 300 }: VerifyCommon,
  expectedFor: (parts: SignatureInput) => string,
): LarkVerifyResult {
  const timestamp = headers['x-lark-request-timestamp'];
  const nonce = headers['x-lark-request-nonce'];
  const signature = headers['x-lark-signature'];
  if (!timestamp || !nonce || !signature) return { ok: false, reason: 'missing_headers' };

  // Signature before freshness: 'stale_timestamp' then means "authentic but old" (a replay).
  if (!safeEqual(signature.toLowerCase(), expectedFor({ timestamp, nonce, rawBody }))) {
    return { ok: false, reason: 'bad_signature' };
  }
  const sentAtMs = timestampToMs(timestamp);
  if (sentAtMs === undefined || Math.abs(now.getTime() - sentAtMs) > maxSkewSeconds * 1000) {
    return { ok: false, reason: 'stale_timestamp' };
  }
  return { ok: true };
}

// The unit is undocumented (LARK.md §9): SDKs treat it as seconds, but accept 13-digit ms too.
function timestampToMs(timestamp: string): number | undefined {
  if (!/^\d{1,13}$/.test(timestamp)) return undefined;
  const value = Number(timestamp);
  return timestamp.length === 13 ? value : value * 1000;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
