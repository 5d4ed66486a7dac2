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

const D = '[0-9\\uFF10-\\uFF19]';
const X = '[Xx\\uFF38\\uFF58]';
const SEP = '[-\\uFF0D ]';
// Digit runs are matched whole (lookarounds) so a part of a longer number is never taken for an ID or phone.
const SENSITIVE = new RegExp(
  `(?<!${D})(?:1${D}{2}${SEP}${D}{4}${SEP}${D}{4}(?!${D})|${D}+(?:${X}|(?!${D})))`,
  'g',
);

function maskRun(run: string): string {
  const s = toHalfWidth(run).toUpperCase().replace(/[- ]/g, '');
  if (/^\d{17}[\dX]$/.test(s)) return maskIdNumber(s);
  if (/^1\d{10}$/.test(s)) return maskPhone(s);
  if (/^861\d{10}$/.test(s)) return `86${maskPhone(s.slice(2))}`;
  return run;
}

/**
 * Masks ID numbers and mobile numbers inside free text (logs, forwarded messages).
 * Digit runs longer than an ID (order numbers, timestamps) are left alone: they are not
 * an ID or a phone by shape, and masking them would make logs useless.
 */
export function scrubText(text: string): string {
  return text.replace(SENSITIVE, (run) => maskRun(run));
}

/** The start of an address (street or group) stays, so a cadre can tell the households apart; the house number goes. */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  const keep = Math.min(3, Math.ceil(chars.length / 2));
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}
