import { toHalfWidth } from './dates';

// Middle dots as typed on phones and PCs for names like 买买提·艾力 (U+00B7, U+2022, U+30FB, U+FF65, U+2027).
const MIDDLE_DOTS = /[\u00B7\u2022\u30FB\uFF65\u2027]/g;

/**
 * A person's name as it is compared: half-width, no spaces, one kind of middle dot. Two
 * spellings a cadre would call the same name ("孙 丽", "孙丽") normalise alike, so the keyed
 * hash of the result finds the case without decrypting every name.
 */
export function normalizePersonName(name: string): string {
  return toHalfWidth(name).replace(/\s+/g, '').replace(MIDDLE_DOTS, '·');
}
