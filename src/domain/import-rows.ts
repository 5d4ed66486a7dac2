import { compareDates, parseDateToken, toHalfWidth, type IsoDate } from './dates';
import { type IdNumberResult, validateIdNumber } from './id-number';
import type { ColumnMap, ImportField } from './ledger-columns';
import { categoryNames, findCategory, type Policy } from './policy';
import { asPersonName, readPhone } from './field-readers';
import type { RegisterFieldError, RegisterValue } from './register-args';
import { matchVillage } from './village-match';

/** One line of the file: its row number as the person sees it, and the cells under each known column. */
export interface SheetRow {
  row: number;
  cells: string[];
  /** Columns holding a number too long for Excel to keep exactly (an ID typed into a number cell). */
  lossyColumns?: number[];
}

export interface ImportRowValue extends RegisterValue {
  row: number;
  village: string;
}

/** The /register problems, and what only a file can get wrong. */
export type ImportFieldError =
  | RegisterFieldError
  | { field: 'name'; code: 'invalid' }
  | { field: 'idNumber'; code: 'excel_number' }
  | { field: 'idNumber'; code: 'repeated'; firstRow: number }
  | { field: 'village'; code: 'no_permission'; value: string };

export interface ImportRowError {
  row: number;
  /** The name as written, for the caller to mask: it helps find the row. */
  name: string | null;
  error: ImportFieldError;
}

export interface ImportRowsInput {
  rows: readonly SheetRow[];
  columns: ColumnMap;
  today: IsoDate;
  policy: Policy;
  villageNames: string[];
  /** The chat's village: rows default to it and may not name another. */
  boundVillage: string | null;
  /** Villages the importer may register for; null = all. */
  allowedVillages: readonly string[] | null;
}

/**
 * Checks every row with the rules of /register, field by field (the column says what a cell
 * is, so nothing is guessed from its shape), and reports every problem of every row.
 * Blank rows are skipped; a person listed twice is imported from the first row only.
 */
export function validateImportRows(input: ImportRowsInput): { valid: ImportRowValue[]; errors: ImportRowError[]; blank: number } {
  const valid: ImportRowValue[] = [];
  const errors: ImportRowError[] = [];
  const firstRowOfId = new Map<string, number>();
  let blank = 0;
  for (const sheetRow of input.rows) {
    const { cell, lossy, blank: isBlank } = readRow(sheetRow, input.columns);
    if (isBlank) {
      blank++;
      continue;
    }
    const result = validateRow(cell, lossy, input);
    const name = cell('name') || null;
    if (!result.ok) {
      for (const error of result.errors) errors.push({ row: sheetRow.row, name, error });
      continue;
    }
    const firstRow = firstRowOfId.get(result.value.idNumber);
    if (firstRow !== undefined) {
      errors.push({ row: sheetRow.row, name, error: { field: 'idNumber', code: 'repeated', firstRow } });
      continue;
    }
    firstRowOfId.set(result.value.idNumber, sheetRow.row);
    valid.push({ ...result.value, row: sheetRow.row });
  }
  return { valid, errors, blank };
}

/** A row's cells by field (half-width, trimmed), whether Excel lost a cell's digits, and whether the row is blank. */
export function readRow<F extends string>(sheetRow: SheetRow, columns: Partial<Record<F, number>>) {
  const colOf = (f: F): number | undefined => columns[f];
  const cell = (f: F) => {
    const col = colOf(f);
    return col === undefined ? '' : toHalfWidth(sheetRow.cells[col] ?? '').trim();
  };
  const lossy = (f: F) => {
    const col = colOf(f);
    return col !== undefined && (sheetRow.lossyColumns ?? []).includes(col);
  };
  const blank = Object.values<number | undefined>(columns).every((col) => col === undefined || (sheetRow.cells[col] ?? '').trim() === '');
  return { cell, lossy, blank };
}

export type PersonFieldError = Extract<ImportFieldError, { field: 'name' | 'idNumber' }>;

/** The name and the ID number of a row, checked as /register checks them; problems go to `errors`. */
export function readPerson(
  cell: (f: 'name' | 'idNumber') => string,
  lossy: (f: 'idNumber') => boolean,
  today: IsoDate,
  errors: Pick<PersonFieldError[], 'push'>,
): { name: string | null; id: Extract<IdNumberResult, { ok: true }> | null } {
  const rawName = cell('name');
  const name = rawName === '' ? null : asPersonName(rawName.replace(/\s/g, ''));
  if (rawName === '') errors.push({ field: 'name', code: 'missing' });
  else if (name === null) errors.push({ field: 'name', code: 'invalid' });

  const rawId = cell('idNumber').replace(/\s/g, '');
  const id = rawId === '' || lossy('idNumber') ? null : validateIdNumber(rawId, today);
  if (rawId === '') errors.push({ field: 'idNumber', code: 'missing' });
  else if (lossy('idNumber')) errors.push({ field: 'idNumber', code: 'excel_number' });
  else if (id && !id.ok) errors.push({ field: 'idNumber', code: id.reason });
  return { name, id: id?.ok ? id : null };
}

function validateRow(
  cell: (f: ImportField) => string,
  lossy: (f: ImportField) => boolean,
  input: ImportRowsInput,
): { ok: true; value: Omit<ImportRowValue, 'row'> } | { ok: false; errors: ImportFieldError[] } {
  const errors: ImportFieldError[] = [];

  const { name, id } = readPerson(cell, lossy, input.today, errors);

  // The reader /登记 uses: "13900001111（母亲）" in the cell is the phone and its note.
  const rawPhone = cell('phone').replace(/\s/g, '');
  const reading = readPhone(rawPhone);
  const phone = reading?.kind === 'phone' ? reading.phone : null;
  if (rawPhone === '') errors.push({ field: 'phone', code: 'missing' });
  else if (phone === null) errors.push({ field: 'phone', code: 'invalid', digits: reading?.kind === 'bad_phone' ? reading.digits : rawPhone.replace(/\D/g, '').length });

  const rawCategory = cell('category');
  const category = findCategory(input.policy, rawCategory);
  if (rawCategory === '') errors.push({ field: 'category', code: 'missing', valid: categoryNames(input.policy) });
  else if (!category) errors.push({ field: 'category', code: 'unknown', value: rawCategory, valid: categoryNames(input.policy) });

  // As in /register, no date means today.
  const rawDate = cell('startDate');
  const date = rawDate === '' ? { ok: true as const, date: input.today } : parseDateToken(rawDate, input.today);
  if (!date || !date.ok) errors.push({ field: 'date', code: 'invalid', value: rawDate });
  else if (compareDates(date.date, input.today) > 0) errors.push({ field: 'date', code: 'future', value: rawDate, date: date.date });

  const village = checkVillage(cell('village'), input, errors);
  const address = cell('address');

  if (errors.length > 0 || !name || !id || !phone || !category || !date?.ok || !village) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      idNumber: id.idNumber,
      phone,
      categoryCode: category.code,
      startDate: date.date,
      // A file's date column says no more than "the date": the category's rule says what day 1 is.
      typedBasis: null,
      dateTyped: rawDate !== '',
      point: null,
      village,
      address: address === '' ? null : address,
      contactNote: reading?.note ?? null,
      birthDate: id.birthDate,
      sex: id.sex,
    },
  };
}

function checkVillage(raw: string, input: ImportRowsInput, errors: ImportFieldError[]): string | null {
  const { boundVillage, villageNames, allowedVillages } = input;
  let village: string | null;
  if (raw === '') {
    village = boundVillage;
    if (village === null) {
      errors.push({ field: 'village', code: 'missing', valid: villageNames });
      return null;
    }
  } else {
    const m = matchVillage(raw, villageNames);
    if (m.kind !== 'exact') {
      errors.push({ field: 'village', code: 'unknown', value: raw, suggestion: m.kind === 'suggest' ? m.name : null });
      return null;
    }
    village = m.name;
  }
  if (boundVillage !== null && village !== boundVillage) {
    errors.push({ field: 'village', code: 'not_bound', value: village, bound: boundVillage });
    return null;
  }
  if (allowedVillages !== null && !allowedVillages.includes(village)) {
    errors.push({ field: 'village', code: 'no_permission', value: village });
    return null;
  }
  return village;
}
