import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../src/domain/csv';
import { idCheckChar } from '../../src/domain/id-number';
import { validateImportRows, type SheetRow } from '../../src/domain/import-rows';
import { CASE_SHEET_HEADERS, fieldOfHeader, findHeaderRow, missingColumns } from '../../src/domain/ledger-columns';
import { maskAddress } from '../../src/domain/mask';
import { loadPolicy } from '../../src/domain/policy';
import { cellText } from '../../src/services/read-spreadsheet';

const policy = loadPolicy();
const id = (first17: string) => first17 + idCheckChar(first17);
const ID1 = id('11010519491231002');
const ID2 = id('11010519800101003');

describe('ledger headers', () => {
  it('maps the export headers and common variants to fields, ignoring notes and marks', () => {
    expect(fieldOfHeader('身份证号码')).toBe('idNumber');
    expect(fieldOfHeader(' 身份证号（18位）* ')).toBe('idNumber');
    expect(fieldOfHeader('联系电话')).toBe('phone');
    expect(fieldOfHeader('村（社区）')).toBe('village');
    expect(fieldOfHeader('编号')).toBeNull();
    const exported = CASE_SHEET_HEADERS.map(fieldOfHeader).filter((f) => f !== null);
    expect(exported).toEqual(['name', 'idNumber', 'phone', 'category', 'startDate', 'village', 'address']);
  });

  it('finds the header under a title line and names the required columns that are missing', () => {
    const found = findHeaderRow([['东风村名单'], ['序号', '手机', '姓名', '身份证'], ['1', 'x', 'y', 'z']]);
    expect(found).toEqual({ index: 1, columns: { phone: 1, name: 2, idNumber: 3 } });
    expect(missingColumns(found!.columns, false)).toEqual(['category']);
    expect(missingColumns(found!.columns, true)).toEqual(['category', 'village']);
    expect(findHeaderRow([['a', 'b'], ['姓名', 'c']])).toBeNull();
  });
});

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbering records by their first line', () => {
    expect(parseCsv('\uFEFF姓名,地址\r\n张三,"幸福路1号,2单元"\r\n李四,"说""好""\n二组"\n')).toEqual([
      { line: 1, cells: ['姓名', '地址'] },
      { line: 2, cells: ['张三', '幸福路1号,2单元'] },
      { line: 3, cells: ['李四', '说"好"\n二组'] },
    ]);
  });

  it('decodes UTF-8, and GB18030 when the bytes are not UTF-8', () => {
    expect(decodeCsvBytes(Buffer.from('姓名', 'utf8'))).toBe('姓名');
    expect(decodeCsvBytes(Buffer.from('d0d5c3fb', 'hex'))).toBe('姓名');
  });
});

describe('cells', () => {
  it('reads dates, formulas, rich text, and flags numbers too long for Excel to keep', () => {
    expect(cellText(new Date(Date.UTC(2026, 10, 20)))).toEqual({ text: '2026-11-20' });
    expect(cellText(13812345678)).toEqual({ text: '13812345678' });
    expect(cellText({ formula: 'A1', result: '张三' })).toEqual({ text: '张三' });
    expect(cellText({ richText: [{ text: '张' }, { text: '三' }] })).toEqual({ text: '张三' });
    expect(cellText(110105194912310020).lossy).toBe(true);
  });
});

describe('validateImportRows', () => {
  const columns = { name: 0, idNumber: 1, phone: 2, category: 3, startDate: 4, village: 5 };
  const run = (rows: SheetRow[], opts: { boundVillage?: string | null; allowed?: string[] | null } = {}) =>
    validateImportRows({
      rows,
      columns,
      today: '2026-11-23',
      policy,
      villageNames: ['东风村', '红旗村'],
      boundVillage: opts.boundVillage ?? null,
      allowedVillages: opts.allowed ?? null,
    });
  const row = (n: number, cells: string[], lossyColumns?: number[]) => ({ row: n, cells, ...(lossyColumns ? { lossyColumns } : {}) });

  it('accepts a row with the /register rules and defaults the date to today', () => {
    const { valid, errors } = run([row(2, ['张三', ID1, '138 1234 5678', '居家', '', '东风村'])]);
    expect(errors).toEqual([]);
    expect(valid).toEqual([
      expect.objectContaining({ row: 2, name: '张三', idNumber: ID1, phone: '13812345678', categoryCode: 'home_isolation', startDate: '2026-11-23', village: '东风村', sex: 'female' }),
    ]);
  });

  it('reports every bad field of every row, skipping blank rows', () => {
    const { valid, errors, blank } = run([
      row(2, ['张3', ID1.slice(0, 17), '123', '度假', '2026-02-30', '东风']),
      row(3, ['', '', '', '', '', '']),
      row(4, ['李四', ID2, '13900001111', '集中隔离', '11月20日', '红旗村']),
    ]);
    expect(blank).toBe(1);
    expect(valid.map((v) => v.row)).toEqual([4]);
    expect(errors.map((e) => e.error)).toEqual([
      { field: 'name', code: 'invalid' },
      { field: 'idNumber', code: 'length' },
      { field: 'phone', code: 'invalid', digits: 3 },
      expect.objectContaining({ field: 'category', code: 'unknown', value: '度假' }),
      { field: 'date', code: 'invalid', value: '2026-02-30' },
      { field: 'village', code: 'unknown', value: '东风', suggestion: '东风村' },
    ]);
    expect(errors.every((e) => e.row === 2 && e.name === '张3')).toBe(true);
  });

  it('takes a person listed twice from the first row only, and flags IDs Excel stored as numbers', () => {
    const { valid, errors } = run([
      row(2, ['张三', ID1, '13812345678', '居家隔离', '', '东风村']),
      row(3, ['张三', ID1, '13812345678', '居家隔离', '', '东风村']),
      row(4, ['李四', '110105198001010000', '13812345678', '居家隔离', '', '东风村'], [1]),
    ]);
    expect(valid.map((v) => v.row)).toEqual([2]);
    expect(errors.map((e) => [e.row, e.error])).toEqual([
      [3, { field: 'idNumber', code: 'repeated', firstRow: 2 }],
      [4, { field: 'idNumber', code: 'excel_number' }],
    ]);
  });

  it('keeps a village chat to its village and an importer to the villages they may register for', () => {
    const rows = [row(2, ['张三', ID1, '13812345678', '居家隔离', '', '红旗村']), row(3, ['李四', ID2, '13812345679', '居家隔离', '', ''])];
    const bound = run(rows, { boundVillage: '东风村', allowed: ['东风村'] });
    expect(bound.valid.map((v) => [v.row, v.village])).toEqual([[3, '东风村']]);
    expect(bound.errors.map((e) => e.error)).toEqual([{ field: 'village', code: 'not_bound', value: '红旗村', bound: '东风村' }]);
    const township = run(rows, { allowed: ['东风村'] });
    expect(township.errors.map((e) => e.error)).toEqual([
      { field: 'village', code: 'no_permission', value: '红旗村' },
      { field: 'village', code: 'missing', valid: ['东风村', '红旗村'] },
    ]);
  });
});

describe('maskAddress', () => {
  it('keeps the start of the address only', () => {
    expect(maskAddress('幸福路8号')).toBe('幸福路**');
    expect(maskAddress('二组')).toBe('二*');
  });
});
