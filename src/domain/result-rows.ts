import { compareDates, type IsoDate, parseDateToken } from './dates';
import type { TestResult } from './duties';
import { type PersonFieldError, readPerson, readRow, type SheetRow } from './import-rows';
import { FIELD_HEADERS, type FieldHeaders, findHeaderRow, headerLookup } from './ledger-columns';
import { readTestResult } from './result-words';

/**
 * The columns of a lab's result list (/结果导入): who (name, ID number), when the sample was
 * taken, and the result. Read in any order, with the variants lab systems print; the person's
 * columns are the ledger's.
 */
export const RESULT_FIELDS = ['name', 'idNumber', 'sampledOn', 'result'] as const;
export type ResultField = (typeof RESULT_FIELDS)[number];

export const RESULT_FIELD_HEADERS: FieldHeaders<ResultField> = {
  name: { header: FIELD_HEADERS.name.header, aliases: [...FIELD_HEADERS.name.aliases, '受检者姓名', '受检人姓名', '被检者姓名'] },
  idNumber: { header: FIELD_HEADERS.idNumber.header, aliases: FIELD_HEADERS.idNumber.aliases },
  sampledOn: { header: '采样日期', aliases: ['采样时间', '采集日期', '采集时间', '采样日', '采样日期时间'] },
  result: { header: '结果', aliases: ['检测结果', '核酸结果', '核酸检测结果', '检验结果', '结果判定'] },
};

export type ResultColumns = Partial<Record<ResultField, number>>;

const fieldOfResultHeader = headerLookup(RESULT_FIELD_HEADERS);

export function findResultHeaderRow(rows: readonly (readonly string[])[]): { index: number; columns: ResultColumns } | null {
  return findHeaderRow(rows, 10, fieldOfResultHeader);
}

export function missingResultColumns(columns: ResultColumns): ResultField[] {
  return RESULT_FIELDS.filter((f) => columns[f] === undefined);
}

export interface ResultRowValue {
  row: number;
  name: string;
  idNumber: string;
  sampledOn: IsoDate;
  result: TestResult;
}

export type ResultFieldError =
  | PersonFieldError
  | { field: 'sampledOn'; code: 'missing' }
  | { field: 'sampledOn'; code: 'invalid' | 'future'; value: string }
  | { field: 'sampledOn'; code: 'repeated'; firstRow: number }
  | { field: 'result'; code: 'missing' }
  | { field: 'result'; code: 'unknown'; value: string };

export interface ResultRowError {
  row: number;
  /** As written, for the caller to mask. */
  name: string | null;
  error: ResultFieldError;
}

/**
 * Every row checked, every problem of every row reported; blank rows skipped. One person's
 * sample of one day is one line: a second line for it is an error, not a second result.
 */
export function validateResultRows(input: { rows: readonly SheetRow[]; columns: ResultColumns; today: IsoDate }): {
  valid: ResultRowValue[];
  errors: ResultRowError[];
} {
  const valid: ResultRowValue[] = [];
  const errors: ResultRowError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const sheetRow of input.rows) {
    const { cell, lossy, blank } = readRow(sheetRow, input.columns);
    if (blank) continue;
    const rowErrors: ResultFieldError[] = [];
    const { name, id } = readPerson(cell, lossy, input.today, rowErrors);
    const sampledOn = readSamplingDate(cell('sampledOn'), input.today, rowErrors);
    const rawResult = cell('result');
    const result = readTestResult(rawResult);
    if (rawResult === '') rowErrors.push({ field: 'result', code: 'missing' });
    else if (!result) rowErrors.push({ field: 'result', code: 'unknown', value: rawResult });
    const shownName = cell('name') || null;
    if (id && sampledOn) {
      const key = `${id.idNumber}|${sampledOn}`;
      const firstRow = firstRowOf.get(key);
      if (firstRow !== undefined) rowErrors.push({ field: 'sampledOn', code: 'repeated', firstRow });
      else firstRowOf.set(key, sheetRow.row);
    }
    if (rowErrors.length > 0 || !name || !id || !sampledOn || !result) {
      for (const error of rowErrors) errors.push({ row: sheetRow.row, name: shownName, error });
      continue;
    }
    valid.push({ row: sheetRow.row, name, idNumber: id.idNumber, sampledOn, result });
  }
  return { valid, errors };
}

/**
 * 采样日期 or 采样时间 as labs write it: a date cell, `2026-11-23`, `2026/11/23 08:30:15`,
 * `2026-11-23T08:30`, `20261123`, `11月23日 8:30`. Only the calendar day counts.
 */
function readSamplingDate(raw: string, today: IsoDate, errors: ResultFieldError[]): IsoDate | null {
  if (raw === '') {
    errors.push({ field: 'sampledOn', code: 'missing' });
    return null;
  }
  const day = raw.replace(/(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/, '').trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(day);
  const parsed = parseDateToken(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : day, today);
  if (!parsed || !parsed.ok) {
    errors.push({ field: 'sampledOn', code: 'invalid', value: raw });
    return null;
  }
  if (compareDates(parsed.date, today) > 0) {
    errors.push({ field: 'sampledOn', code: 'future', value: raw });
    return null;
  }
  return parsed.date;
}
