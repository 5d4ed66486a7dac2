import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataCipher } from '../../src/shared/data-cipher';

describe('data cipher', () => {
  const cipher = createDataCipher(crypto.randomBytes(32).toString('base64'));

  it('round-trips and never shows the plaintext', () => {
    const sealed = cipher.encrypt('13812345678');
    expect(sealed).not.toContain('13812345678');
    expect(cipher.decrypt(sealed)).toBe('13812345678');
    expect(cipher.encrypt('13812345678')).not.toBe(sealed);
  });

  it('detects tampering and a wrong key', () => {
    const sealed = cipher.encrypt('secret');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`)).toThrow();
    const other = createDataCipher(crypto.randomBytes(32).toString('base64'));
    expect(() => other.decrypt(sealed)).toThrow();
  });

  it('hashes deterministically per key', () => {
    const other = createDataCipher(crypto.randomBytes(32).toString('base64'));
    expect(cipher.lookupHash('x')).toBe(cipher.lookupHash('x'));
    expect(cipher.lookupHash('x')).not.toBe(cipher.lookupHash('y'));
    expect(other.lookupHash('x')).not.toBe(cipher.lookupHash('x'));
  });
});
