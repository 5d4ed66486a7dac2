import { toHalfWidth } from './dates';

/** First character kept so a cadre can still tell people apart in a group chat. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** Region code and last four stay; the birth date, the most identifying part, goes. */
export function maskIdNumber(id: string): string {
  const s = toHalfWidth(id).trim().toUpperCase();
  // Anything but a full ID is hidden entirely: partial masks of odd lengths leak too much.
  if (s.length !== 18) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}********${s.slice(14)}`;
}

export function maskPhone(phone: string): string {
  const s = toHalfWidth(phone).replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(s)) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}****${s.slice(7)}`;
}

// A digit group (full-width too), an ID's check letter allowed at its end.
const GROUP = '[0-9\\uFF10-\\uFF19]+[Xx\\uFF38\\uFF58]?';
// What people (or a paste) put between the groups of a number: spaces, hyphens, dots and
// the invisible characters that make a number slip past a pattern (zero-width space, joiner, BOM, soft hyphen).
const SEP = '[\\s\\-\\uFF0D.\\uFF0E\\u00B7\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]{1,2}';
const CHAIN = new RegExp(`${GROUP}(?:${SEP}${GROUP})*`, 'g');
const GROUP_IN_CHAIN = new RegExp(GROUP, 'g');

/** The masked form of a number made of whole digit groups, or null when it is not an ID or a phone by shape. */
function maskNumber(digits: string): string | null {
  const s = toHalfWidth(digits).toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) return maskIdNumber(s);
  if (/^1\d{10}$/.test(s)) return maskPhone(s);
  if (/^861\d{10}$/.test(s)) return `86${maskPhone(s.slice(2))}`;
  return null;
}

/**
 * Within one chain of digit groups, masks every run of whole groups that makes an ID or a
 * phone, the shortest first (138.1234.5678 1381234 5678 is two phones, not an ID and the rest);
 * groups are never split, so a part of a longer number is never taken for one.
 */
function maskChain(chain: string): string {
  const groups = Array.from(chain.matchAll(GROUP_IN_CHAIN), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  let out = '';
  let copied = 0;
  for (let i = 0; i < groups.length; i++) {
    let best: { end: number; masked: string; last: number } | null = null;
    let digits = '';
    for (let j = i; j < groups.length && digits.length < 18 && !best; j++) {
      digits += groups[j]!.text;
      const masked = maskNumber(digits);
      if (masked) best = { end: groups[j]!.end, masked, last: j };
    }
    if (!best) continue;
    out += chain.slice(copied, groups[i]!.start) + best.masked;
    copied = best.end;
    i = best.last;
  }
  return out + chain.slice(copied);
}

/**
 * Masks ID numbers and mobile numbers inside free text (logs, replies, stored notes), also
 * when typed in groups (110105 19850317 1231, 138.1234.5678, 1381234 5678) or with invisible
 * characters inside. Digit runs longer than an ID (order numbers, timestamps) are left alone:
 * they are not an ID or a phone by shape, and masking them would make logs useless.
 */
export function scrubText(text: string): string {
  return text.replace(CHAIN, maskChain);
}

/** The start of an address (street or group) stays, so a cadre can tell the households apart; the house number goes. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  const keep = Math.min(3, Math.ceil(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** scrubText on every string inside a value (an audit entry's before/after), the rest as it is. */
export function scrubDeep<T>(value: T): T {
  if (typeof value === 'string') return scrubText(value) as T;
  if (Array.isArray(value)) return value.map(scrubDeep) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v)])) as T;
  }
  return value;
}
