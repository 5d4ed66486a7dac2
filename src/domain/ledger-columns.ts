import { toHalfWidth } from './dates';

/**
 * The columns of the ledger's 管控对象 sheet. The export writes these headers and the import
 * reads them back (in any order, with the usual variants county spreadsheets use), so a
 * ledger exported from one township imports into another.
 */
export const IMPORT_FIELDS = ['name', 'idNumber', 'phone', 'category', 'startDate', 'village', 'address'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const FIELD_HEADERS: FieldHeaders<ImportField> = {
  name: { header: '姓名', aliases: ['名字', '人员姓名'] },
  idNumber: { header: '身份证号', aliases: ['身份证', '身份证号码', '证件号码', '证件号', '公民身份号码'] },
  phone: { header: '手机号', aliases: ['手机', '手机号码', '电话', '联系电话', '电话号码', '联系方式'] },
  category: { header: '类别', aliases: ['管控类别', '管控类型', '人员类别', '类型'] },
  startDate: { header: '开始日期', aliases: ['开始时间', '起始日期', '到达日期', '抵达日期', '返乡日期', '来返日期', '管控开始日期'] },
  village: { header: '村', aliases: ['村/社区', '所属村', '村名', '社区', '村居', '村社区'] },
  address: { header: '地址', aliases: ['住址', '居住地址', '现住址', '家庭住址', '详细地址'] },
};

/** Without these a file cannot be imported at all; the village only where the chat has none. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['name', 'idNumber', 'phone', 'category'];

/** The sheet the export writes the cases to; an import looks for it first. */
export const CASE_SHEET_NAME = '管控对象';

/** 管控对象 as exported: the import fields plus what the ledger shows about each case. */
export const CASE_SHEET_HEADERS = [
  '编号',
  FIELD_HEADERS.name.header,
  FIELD_HEADERS.idNumber.header,
  FIELD_HEADERS.phone.header,
  '性别',
  '出生日期',
  FIELD_HEADERS.category.header,
  FIELD_HEADERS.startDate.header,
  '结束日期',
  FIELD_HEADERS.village.header,
  FIELD_HEADERS.address.header,
  '状态',
  '登记时间',
] as const;

/** "身份证号（18位）*" and "身份证号" are the same column. */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/\(.*?\)|\[.*?\]/g, '')
    .replace(/[\s*:：]/g, '');
}

/** Headers and their variants of a kind of sheet. */
export type FieldHeaders<F extends string> = Record<F, { header: string; aliases: string[] }>;

/** The field a header names, for one kind of sheet. */
export function headerLookup<F extends string>(headers: FieldHeaders<F>): (text: string) => F | null {
  const lookup = new Map<string, F>(
    (Object.keys(headers) as F[]).flatMap((f) => [headers[f].header, ...headers[f].aliases].map((h) => [normalizeHeader(h), f] as const)),
  );
  return (text) => lookup.get(normalizeHeader(text)) ?? null;
}

export const fieldOfHeader = headerLookup(FIELD_HEADERS);

export type ColumnMap = Partial<Record<ImportField, number>>;

/**
 * The header row: the first of the top rows naming at least two known columns (a title
 * line often comes first). A column named twice counts where it first appears.
 */
export function findHeaderRow<F extends string = ImportField>(
  rows: readonly (readonly string[])[],
  scan = 10,
  fieldOf: (text: string) => F | null = fieldOfHeader as (text: string) => F | null,
): { index: number; columns: Partial<Record<F, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const columns: Partial<Record<F, number>> = {};
    (rows[i] ?? []).forEach((cell, col) => {
      const field = fieldOf(cell);
      if (field !== null && columns[field] === undefined) columns[field] = col;
    });
    if (Object.keys(columns).length >= 2) return { index: i, columns };
  }
  return null;
}

export function missingColumns(columns: ColumnMap, villageRequired: boolean): ImportField[] {
  const required = villageRequired ? [...REQUIRED_FIELDS, 'village' as const] : REQUIRED_FIELDS;
  return required.filter((f) => columns[f] === undefined);
}
