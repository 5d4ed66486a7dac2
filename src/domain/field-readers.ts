import { toHalfWidth } from './dates';

/**
 * The one tokenizer and the field readers every command shares (/登记, /导入 rows, the
 * lifecycle commands): what a typed word is, read by its shape, the same way everywhere.
 */

const SEPARATOR = /[\s\u3000,，、]/;
const OPEN = new Set(['(', '（', '[', '【']);
const CLOSE = new Set([')', '）', ']', '】']);

/**
 * Splits on any whitespace (incl. full-width), commas and the enumeration comma 、, but never
 * inside brackets: "13900001111（母亲）" and "13900001111 (孙丽 母亲)" stay one phone with its note.
 */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (OPEN.has(ch)) depth++;
    if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATOR.test(ch)) {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  if (current) tokens.push(current);
  // A bracket group typed after a space belongs to the number before it: "139… （母亲）". Other
  // words keep theirs apart (a reason followed by a typed link is two things).
  const out: string[] = [];
  for (const t of tokens) {
    if (out.length > 0 && /^[(（【]/.test(t) && /\d$/.test(out[out.length - 1]!)) out[out.length - 1] += t;
    else out.push(t);
  }
  return out;
}

/** A mobile number as typed (+86, dashes, full-width digits) → 11 digits, or null. */
export function normalizePhone(token: string): string | null {
  const digits = phoneDigits(toHalfWidth(token).trim());
  return digits !== null && /^1\d{10}$/.test(digits) ? digits : null;
}

/** The digits of a number-shaped word (+86 and dashes dropped), or null when it has other characters. */
export function phoneDigits(token: string): string | null {
  if (!/^\+?[\d-]+$/.test(token)) return null;
  const d = token.replace(/[+-]/g, '');
  return /^861\d{10}$/.test(d) ? d.slice(2) : d;
}

const MAX_NOTE_CHARS = 20;

/**
 * A phone with a note about whose it is: "13900001111（母亲）", "(母亲)13900001111",
 * "13900001111母亲". The digits are read as a phone (or a wrong one); the note is kept as
 * 联系人备注. Null when the word is not a number with a note.
 */
export function splitPhoneNote(word: string): { digits: string; note: string } | null {
  const w = toHalfWidth(word).trim().replace(/[（【[]/g, '(').replace(/[）】\]]/g, ')');
  const after = /^(\+?[\d-]{7,})\((.+)\)$/.exec(w) ?? /^(\+?[\d-]{7,})[:：]?(\p{Script=Han}{1,10})$/u.exec(w);
  const before = /^\((.+)\)[:：]?(\+?[\d-]{7,})$/.exec(w);
  const [digitsPart, notePart] = after ? [after[1]!, after[2]!] : before ? [before[2]!, before[1]!] : [null, null];
  if (digitsPart === null || notePart === null) return null;
  const digits = phoneDigits(digitsPart);
  const note = notePart.trim();
  if (digits === null || note === '' || Array.from(note).length > MAX_NOTE_CHARS || /\d{5,}/.test(note)) return null;
  return { digits, note };
}

export type PhoneReading = { kind: 'phone'; phone: string; note: string | null } | { kind: 'bad_phone'; digits: number; note: string | null } | null;

/** A word as a phone: 11 digits starting with 1 (a note allowed), a number of 10–13 digits that is a wrong one, or null. */
export function readPhone(word: string): PhoneReading {
  const w = toHalfWidth(word).trim();
  const noted = splitPhoneNote(w);
  const digits = noted ? noted.digits : phoneDigits(w);
  const note = noted?.note ?? null;
  if (digits === null) return null;
  if (/^1\d{10}$/.test(digits)) return { kind: 'phone', phone: digits, note };
  if (/^\d{10,13}$/.test(digits) || (noted && /^\d{7,}$/.test(digits))) return { kind: 'bad_phone', digits: digits.length, note };
  return null;
}

const NAME_SEPARATORS = /[·•.・‧∙]/g;

/** A person's name: 2–6 Han characters, or Han parts joined by a middle dot (买买提·艾力). */
export function asPersonName(token: string): string | null {
  if (/^\p{Script=Han}{2,6}$/u.test(token)) return token;
  if (/^\p{Script=Han}+(?:[·•.・‧∙]\p{Script=Han}+)+$/u.test(token) && Array.from(token).length <= 20) {
    return token.replace(NAME_SEPARATORS, '·');
  }
  return null;
}

/**
 * A name typed with a space ("孙 丽", "王 建国"): two neighbouring Han words, one of them a
 * single character, that make a name together. Index of the first word, or -1.
 */
export function findSplitName(words: readonly string[]): number {
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    const single = Array.from(a).length === 1 || Array.from(b).length === 1;
    if (single && /^\p{Script=Han}+$/u.test(a + b) && asPersonName(a + b)) return i;
  }
  return -1;
}

const CN_NUMBER = '[一二三四五六七八九十百零〇两\\d]+';
/** 九组, 3组, 三组12号, 十一组5号, 12号, 2单元301: the part of an address inside a village. */
const ADDRESS_FRAGMENT = new RegExp(`^(?:${CN_NUMBER}(?:组|队|社|排)(?:${CN_NUMBER}号)?(?:.{0,12})|\\d{1,4}号(?:.{0,12})|\\d{1,3}(?:栋|幢|单元)\\d{0,4}(?:室)?)$`, 'u');

/** Whether a word is an address inside a village (a group, a house number), not a village's name. */
export function isAddressFragment(word: string): boolean {
  return ADDRESS_FRAGMENT.test(toHalfWidth(word).trim());
}

const ADDRESS_PREFIX = /^(?:地址|住址|家住)[:：]?/;

/** "地址:李家湾" → "李家湾": the cadre said outright that the rest is the address. */
export function readAddressPrefix(word: string): string | null {
  const w = toHalfWidth(word).trim();
  if (!ADDRESS_PREFIX.test(w)) return null;
  const rest = w.replace(ADDRESS_PREFIX, '');
  return rest === '' ? null : rest;
}

export type StartBasis = 'departure' | 'arrival' | 'found';

/**
 * Words that say what a date is, typed before it (离开 11月20日), attached (离开11月20日) or after
 * it (11月20日到达): the day the person left the risk area (001 篇二 §30), arrived (004 篇四), or
 * was found.
 */
const BASIS_WORDS: [string, StartBasis][] = [
  ['离开风险地区', 'departure'], ['离开风险区', 'departure'], ['离风险区', 'departure'], ['离开', 'departure'], ['离', 'departure'],
  ['到达', 'arrival'], ['抵达', 'arrival'], ['返乡', 'arrival'], ['回乡', 'arrival'], ['返回', 'arrival'], ['到', 'arrival'],
  ['发现', 'found'], ['排查', 'found'],
];

/** A token as a basis word and the rest of it ("离开11月20日" → departure, "11月20日"); null if it has none. */
export function splitBasis(token: string): { basis: StartBasis; word: string; rest: string } | null {
  for (const [word, basis] of BASIS_WORDS) {
    if (token === word) return { basis, word, rest: '' };
    if (token.startsWith(word)) return { basis, word, rest: token.slice(word.length) };
    if (token.endsWith(word)) return { basis, word, rest: token.slice(0, -word.length) };
  }
  return null;
}


// People type numbers grouped: "138 1234 5678", "110105 19491231 002X".
export function mergeGroupedNumbers(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const [a, b, c] = [tokens[i] ?? '', tokens[i + 1] ?? '', tokens[i + 2] ?? ''];
    if (/^1\d{2}$/.test(a) && /^\d{4}$/.test(b) && /^\d{4}$/.test(c)) {
      out.push(a + b + c);
      i += 2;
    } else if (/^\d{6}$/.test(a) && /^\d{8}$/.test(b) && /^\d{3}[\dXx]$/.test(c)) {
      out.push(a + b + c);
      i += 2;
    } else {
      out.push(a);
    }
  }
  return out;
}

