import { compareDates, makeDate, toHalfWidth, type IsoDate } from './dates';

// GB 11643-1999: weights are 2^(17-i) mod 11, the check value maps through this table.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH: IsoDate = '1900-01-01';

export type IdNumberError = 'length' | 'chars' | 'birth_date' | 'checksum';

export type IdNumberResult =
  | { ok: true; idNumber: string; birthDate: IsoDate; sex: 'male' | 'female' }
  | { ok: false; reason: IdNumberError };

export function normalizeIdNumber(raw: string): string {
  return toHalfWidth(raw).trim().toUpperCase();
}

/**
 * True for anything someone plausibly meant as an ID number, valid or not, so the caller
 * can say "wrong ID" instead of silently treating it as part of an address.
 */
export function looksLikeIdNumber(token: string): boolean {
  const s = normalizeIdNumber(token);
  if (/^\d{17}[\dX]$/.test(s)) return true;
  // 14..20 chars: old 15-digit IDs and one or two digits too few/many; mobiles are 11.
  return /^[\dX]{14,20}$/.test(s) && (s.match(/\d/g)?.length ?? 0) >= 13;
}

/** The 18th character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

export function validateIdNumber(raw: string, today: IsoDate): IdNumberResult {
  const id = normalizeIdNumber(raw);
  if (id.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'chars' };
  // A bad birth date is the more specific hint, so it wins over a bad check character.
  const birthDate = makeDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
  if (!birthDate || compareDates(birthDate, EARLIEST_BIRTH) < 0 || compareDates(birthDate, today) > 0) {
    return { ok: false, reason: 'birth_date' };
  }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'checksum' };
  // The 17th digit is the sequence code: odd for men, even for women.
  const sex = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, idNumber: id, birthDate, sex };
}

/** Completed years; someone born on Feb 29 turns a year older on Mar 1 in common years. */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The birth date of a stored (already validated) ID number: nothing else keeps it. */
export function birthDateOfId(idNumber: string): IsoDate {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}
