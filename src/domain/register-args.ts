import { compareDates, daysBetween, parseDateToken, toHalfWidth, type IsoDate } from './dates';
import { looksLikeIdNumber, normalizeIdNumber, validateIdNumber, type IdNumberError } from './id-number';
import { categoryName, categoryNames, findCategory, type Policy } from './policy';
import { looksLikeVillageName, matchVillage, normalizeVillage, villageStem } from './village-match';

export interface RegisterInput {
  tokens: string[];
  today: IsoDate;
  policy: Policy;
  villageNames: string[];
  /** The township's isolation points: a token naming one says where a central isolation is. */
  pointNames?: string[];
  /** The village the chat belongs to, or null for a township-level chat. */
  boundVillage: string | null;
}

export interface RegisterValue {
  name: string;
  idNumber: string;
  phone: string;
  categoryCode: string;
  startDate: IsoDate;
  /**
   * What the typed date is (离开 / 到达 / 发现 before or after it); null: a date without a
   * word (the category's rule) or no date at all (the day the person was found, today).
   */
  typedBasis: StartBasis | null;
  dateTyped: boolean;
  /** The isolation point named, if any. */
  point: string | null;
  village: string | null;
  address: string | null;
  birthDate: IsoDate;
  sex: 'male' | 'female';
}

/** Raw values are not carried for ID and phone errors: the reply may land in a group chat. */
export type RegisterFieldError =
  | { field: 'name'; code: 'missing' }
  | { field: 'idNumber'; code: 'missing' | 'conflict' }
  | { field: 'idNumber'; code: IdNumberError }
  | { field: 'phone'; code: 'missing' | 'conflict' }
  | { field: 'phone'; code: 'invalid'; digits: number }
  | { field: 'category'; code: 'missing'; valid: string[] }
  | { field: 'category'; code: 'unknown'; value: string; valid: string[] }
  | { field: 'category'; code: 'conflict'; values: string[] }
  | { field: 'date'; code: 'invalid'; value: string }
  | { field: 'date'; code: 'future'; value: string; date: IsoDate }
  | { field: 'date'; code: 'conflict'; values: string[] }
  | { field: 'date'; code: 'basis_without_date'; value: string }
  | { field: 'date'; code: 'before_birth'; value: string; birthDate: IsoDate }
  | { field: 'date'; code: 'too_old'; value: string; maxDaysAgo: number }
  | { field: 'address'; code: 'too_long'; length: number; max: number }
  | { field: 'village'; code: 'missing'; valid: string[] }
  | { field: 'village'; code: 'unknown'; value: string; suggestion: string | null }
  | { field: 'village'; code: 'not_bound'; value: string; bound: string }
  | { field: 'village'; code: 'conflict'; values: string[] };

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
function splitBasis(token: string): { basis: StartBasis; word: string; rest: string } | null {
  for (const [word, basis] of BASIS_WORDS) {
    if (token === word) return { basis, word, rest: '' };
    if (token.startsWith(word)) return { basis, word, rest: token.slice(word.length) };
    if (token.endsWith(word)) return { basis, word, rest: token.slice(0, -word.length) };
  }
  return null;
}

export type RegisterResult = { ok: true; value: RegisterValue } | { ok: false; errors: RegisterFieldError[] };

/** Splits on any whitespace (incl. full-width), commas and the enumeration comma 、. */
export function splitArgs(text: string): string[] {
  return text.split(/[\s\u3000,，、]+/).filter((t) => t !== '');
}

// People type numbers grouped: "138 1234 5678", "110105 19491231 002X".
function mergeGroupedNumbers(tokens: string[]): string[] {
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

/** A mobile number as typed (+86, dashes, full-width digits) → 11 digits, or null. */
export function normalizePhone(token: string): string | null {
  const digits = phoneDigits(toHalfWidth(token).trim());
  return digits !== null && /^1\d{10}$/.test(digits) ? digits : null;
}

function phoneDigits(token: string): string | null {
  if (!/^\+?[\d-]+$/.test(token)) return null;
  const d = token.replace(/[+-]/g, '');
  return /^861\d{10}$/.test(d) ? d.slice(2) : d;
}

const NAME_SEPARATORS = /[·•.・‧∙]/g;
const ADDRESS_ENDINGS = /(路|街|号|巷|弄|小区|楼|栋|幢|单元|室|村|组|社区|镇|乡|屯|院)$/;
const CATEGORY_HINTS = /隔离|居家|集中|入境|境外|检|监测|观察|出院|出舱|来返|岗位|随访/;

export function asPersonName(token: string): string | null {
  if (/^\p{Script=Han}{2,6}$/u.test(token)) return token;
  if (/^\p{Script=Han}+(?:[·•.・‧∙]\p{Script=Han}+)+$/u.test(token) && Array.from(token).length <= 20) {
    return token.replace(NAME_SEPARATORS, '·');
  }
  return null;
}

const isAddressLike = (t: string) => /\d/.test(t) || ADDRESS_ENDINGS.test(t);

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Reads /register arguments by the shape of each token, so the order does not matter, and
 * reports every wrong or missing field at once so one corrected message succeeds.
 */
export function parseRegisterArgs(input: RegisterInput): RegisterResult {
  const { today, policy, villageNames, boundVillage } = input;
  const tokens = mergeGroupedNumbers(input.tokens.map((t) => toHalfWidth(t).trim()).filter((t) => t !== ''));

  const phones: string[] = [];
  const badPhones: string[] = [];
  const ids: string[] = [];
  const dates: { token: string; date: IsoDate | null; basis: StartBasis | null }[] = [];
  const basisWords: { basis: StartBasis; word: string }[] = [];
  const points: string[] = [];
  const categories: string[] = [];
  const villages: string[] = [];
  const unknownVillages: { value: string; suggestion: string | null }[] = [];
  const rest: string[] = [];

  for (const token of tokens) {
    const digits = phoneDigits(token);
    if (digits !== null && /^1\d{10}$/.test(digits)) {
      phones.push(digits);
      continue;
    }
    if (looksLikeIdNumber(token)) {
      ids.push(normalizeIdNumber(token));
      continue;
    }
    if (digits !== null && /^\d{10,13}$/.test(digits)) {
      badPhones.push(digits);
      continue;
    }
    if ((input.pointNames ?? []).includes(token)) {
      points.push(token);
      continue;
    }
    const date = parseDateToken(token, today);
    if (date) {
      dates.push({ token, date: date.ok ? date.date : null, basis: null });
      continue;
    }
    const basis = splitBasis(token);
    const basisDate = basis?.rest ? parseDateToken(basis.rest, today) : null;
    if (basis && basis.rest === '') {
      basisWords.push(basis);
      continue;
    }
    if (basis && basisDate) {
      dates.push({ token: basis.rest, date: basisDate.ok ? basisDate.date : null, basis: basis.basis });
      continue;
    }
    const category = findCategory(policy, token);
    if (category) {
      categories.push(category.code);
      continue;
    }
    const village = matchVillage(token, villageNames);
    if (village.kind === 'exact') {
      villages.push(village.name);
      continue;
    }
    // "东风村三组": a known village followed by the rest of the address.
    const prefix = villageNames
      .filter((n) => {
        const v = normalizeVillage(n);
        return v.length >= 2 && token.startsWith(v) && token.length > v.length && villageStem(token) !== villageStem(n);
      })
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) {
      villages.push(prefix);
      rest.push(token.slice(normalizeVillage(prefix).length));
      continue;
    }
    if (looksLikeVillageName(token)) {
      unknownVillages.push({ value: token, suggestion: village.kind === 'suggest' ? village.name : null });
      continue;
    }
    rest.push(token);
  }

  const errors: RegisterFieldError[] = [];
  const take = (i: number): string => rest.splice(i, 1)[0] ?? '';

  // Name: the first personal-name-shaped word; address-looking words only as a last resort.
  const nameCandidates = rest.map((t, i) => ({ i, name: asPersonName(t), t })).filter((c) => c.name && !CATEGORY_HINTS.test(c.t));
  const nameAt = (nameCandidates.find((c) => !isAddressLike(c.t)) ?? nameCandidates[0])?.i;
  const name = nameAt === undefined ? null : asPersonName(take(nameAt));
  if (!name) errors.push({ field: 'name', code: 'missing' });

  const uniqueIds = distinct(ids);
  let idResult: ReturnType<typeof validateIdNumber> | null = null;
  if (uniqueIds.length === 0) errors.push({ field: 'idNumber', code: 'missing' });
  else if (uniqueIds.length > 1) errors.push({ field: 'idNumber', code: 'conflict' });
  else {
    idResult = validateIdNumber(uniqueIds[0] ?? '', today);
    if (!idResult.ok) errors.push({ field: 'idNumber', code: idResult.reason });
  }

  const allPhones = distinct([...phones, ...badPhones]);
  const phone = phones[0];
  if (allPhones.length === 0) errors.push({ field: 'phone', code: 'missing' });
  else if (allPhones.length > 1) errors.push({ field: 'phone', code: 'conflict' });
  else if (phone === undefined) errors.push({ field: 'phone', code: 'invalid', digits: badPhones[0]?.length ?? 0 });

  const valid = categoryNames(policy);
  const codes = distinct(categories);
  if (codes.length > 1) {
    const names = codes.map((c) => categoryName(policy, c));
    errors.push({ field: 'category', code: 'conflict', values: names });
  } else if (codes.length === 0) {
    // An unrecognised category word is what's left that looks like one rather than an address.
    const at = rest.findIndex(
      (t) =>
        CATEGORY_HINTS.test(t) ||
        (/^\p{Script=Han}{2,8}$/u.test(t) && !isAddressLike(t) && matchVillage(t, villageNames).kind === 'none'),
    );
    if (at >= 0) errors.push({ field: 'category', code: 'unknown', value: take(at), valid });
    else errors.push({ field: 'category', code: 'missing', valid });
  }

  // A lone 离开 / 到达 goes with the one date typed.
  const lone = basisWords[0];
  if (lone && dates.length === 1 && dates[0]!.basis === null) dates[0]!.basis = lone.basis;
  else if (lone && dates.length === 0) errors.push({ field: 'date', code: 'basis_without_date', value: lone.word });
  const dateKeys = distinct(dates.map((d) => d.date ?? `!${d.token}`));
  const startDate = dates[0]?.date ?? today;
  if (dateKeys.length > 1) errors.push({ field: 'date', code: 'conflict', values: distinct(dates.map((d) => d.token)) });
  else if (dates[0] && dates[0].date === null) errors.push({ field: 'date', code: 'invalid', value: dates[0].token });
  else if (compareDates(startDate, today) > 0) {
    errors.push({ field: 'date', code: 'future', value: dates[0]?.token ?? startDate, date: startDate });
  } else if (idResult?.ok && compareDates(startDate, idResult.birthDate) < 0) {
    errors.push({ field: 'date', code: 'before_birth', value: dates[0]?.token ?? startDate, birthDate: idResult.birthDate });
  } else if (daysBetween(startDate, today) > input.policy.limits.registerMaxDaysAgo) {
    errors.push({ field: 'date', code: 'too_old', value: dates[0]?.token ?? startDate, maxDaysAgo: input.policy.limits.registerMaxDaysAgo });
  }

  const village = checkVillage(villages, unknownVillages, rest, villageNames, boundVillage, errors);
  const address = rest.length > 0 ? rest.join(' ') : null;
  const addressLength = address ? Array.from(address).length : 0;
  if (addressLength > input.policy.limits.addressChars) errors.push({ field: 'address', code: 'too_long', length: addressLength, max: input.policy.limits.addressChars });

  if (errors.length > 0 || !name || !idResult?.ok || phone === undefined || codes[0] === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      name,
      idNumber: idResult.idNumber,
      phone,
      categoryCode: codes[0],
      startDate,
      typedBasis: dates[0]?.basis ?? null,
      dateTyped: dates.length > 0,
      point: points[0] ?? null,
      village,
      address,
      birthDate: idResult.birthDate,
      sex: idResult.sex,
    },
  };
}

function checkVillage(
  found: string[],
  unknown: { value: string; suggestion: string | null }[],
  rest: string[],
  villageNames: string[],
  boundVillage: string | null,
  errors: RegisterFieldError[],
): string | null {
  for (const u of unknown) errors.push({ field: 'village', code: 'unknown', ...u });
  const names = distinct(found);
  if (names.length > 1) {
    errors.push({ field: 'village', code: 'conflict', values: names });
    return null;
  }
  const named = names[0];
  if (named !== undefined) {
    if (boundVillage !== null && named !== boundVillage) {
      errors.push({ field: 'village', code: 'not_bound', value: named, bound: boundVillage });
    }
    return named;
  }
  if (boundVillage !== null) return boundVillage;
  if (unknown.length > 0) return null;
  // Township chat: the village is required, so a bare near miss ("东风") is worth a question.
  const at = rest.findIndex((t) => /^\p{Script=Han}+$/u.test(t) && matchVillage(t, villageNames).kind === 'suggest');
  if (at >= 0) {
    const value = rest.splice(at, 1)[0] ?? '';
    const m = matchVillage(value, villageNames);
    errors.push({ field: 'village', code: 'unknown', value, suggestion: m.kind === 'suggest' ? m.name : null });
  } else {
    errors.push({ field: 'village', code: 'missing', valid: villageNames });
  }
  return null;
}
