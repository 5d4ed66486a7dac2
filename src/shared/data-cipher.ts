import crypto from 'node:crypto';

/**
 * Authenticated encryption (AES-256-GCM) for personal data at rest, and a keyed hash
 * (HMAC-SHA256 with a key derived from the same secret) for looking up duplicates
 * without decrypting every row.
 */
export interface DataCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  lookupHash(value: string): string;
}

const VERSION = 'v1';
/**
 * What the retention job writes in place of a sealed value it removes (SQL cannot seal, and
 * the data is gone on purpose): it opens as an empty string, so readers need no special case.
 */
export const PURGED = 'purged';

export function createDataCipher(base64Key: string): DataCipher {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('data key must be 32 bytes');
  const hashKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'homewatch lookup hash', 32));
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed) {
      if (sealed === PURGED) return '';
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new Error('unknown sealed data format');
      const raw = Buffer.from(data, 'base64');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    lookupHash(value) {
      return crypto.createHmac('sha256', hashKey).update(value).digest('hex');
    },
  };
}
