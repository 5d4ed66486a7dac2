import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSpreadsheet } from '../../src/services/read-spreadsheet';
import { xlsxOf } from '../helpers/files';
import { buildXlsxBomb } from '../helpers/xlsx-bomb';

const HEADER = ['姓名', '身份证号', '手机号', '类别'];

async function workbookOf(sheets: { name: string; rows: unknown[][] }[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name);
    for (const r of s.rows) sheet.addRow(r);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readSpreadsheet: limits checked before parsing (issue 11, finding 7)', () => {
  it('reads the rows of the ledger sheet, cells as text', async () => {
    const bytes = await workbookOf([
      { name: '说明', rows: [['请填写第二张表']] },
      { name: '管控对象', rows: [HEADER, ['张三', '110105194912310021', 13812345678, '居家隔离', new Date(Date.UTC(2026, 10, 22))]] },
    ]);
    expect(await readSpreadsheet(bytes, 'xlsx', 100)).toEqual({
      ok: true,
      rows: [
        { row: 1, cells: HEADER },
        { row: 2, cells: ['张三', '110105194912310021', '13812345678', '居家隔离', '2026-11-22'] },
      ],
    });
  });

  it('says too_many_rows for a list over the row limit, too_big for too many sheets or a row too wide', async () => {
    expect(await readSpreadsheet(await xlsxOf([HEADER, ...Array.from({ length: 30 }, (_, i) => [`人${i}`])]), 'xlsx', 20)).toEqual({ ok: false, reason: 'too_many_rows' });
    const manySheets = await workbookOf(Array.from({ length: 21 }, (_, i) => ({ name: `表${i}`, rows: [['x']] })));
    expect(await readSpreadsheet(manySheets, 'xlsx', 100)).toEqual({ ok: false, reason: 'too_big' });
    expect(await readSpreadsheet(await xlsxOf([Array.from({ length: 201 }, () => 'x')]), 'xlsx', 100)).toEqual({ ok: false, reason: 'too_big' });
  });

  it('refuses a zip bomb before parsing any XML: 2 million cells in a small file', async () => {
    const bomb = await buildXlsxBomb({ rows: 4_000, columns: 500 });
    expect(bomb.length).toBeLessThan(500_000);
    expect(await readSpreadsheet(bomb, 'xlsx', 10_010)).toEqual({ ok: false, reason: 'too_big' });
  });

  it('refuses a csv with more cells than the rows allow, counted before parsing', async () => {
    expect(await readSpreadsheet(Buffer.from(','.repeat(70_000)), 'csv', 1_000)).toEqual({ ok: false, reason: 'too_big' });
    expect(await readSpreadsheet(Buffer.from('姓名,手机\n张三,13812345678\n'), 'csv', 1_000)).toMatchObject({ ok: true, rows: [{ cells: ['姓名', '手机'] }, { cells: ['张三', '13812345678'] }] });
  });

  it('says unreadable for bytes that are not a workbook', async () => {
    expect(await readSpreadsheet(Buffer.from('not a zip at all'), 'xlsx', 100)).toEqual({ ok: false, reason: 'unreadable' });
  });

  // exceljs' streaming reader lost a part of such a file now and then (exceljs#3064) and said
  // unreadable: about one read in fifteen over these sizes, so 120 reads met it almost surely.
  it('reads a workbook as the 台账 export writes it (streamed, workbook.xml last) every time', { timeout: 30_000 }, async () => {
    const row = ['张三', '110105194912310021', '13812345678', '居家隔离'];
    for (let sheets = 1; sheets <= 12; sheets++) {
      const bytes = await streamedWorkbook(sheets, [HEADER, ...Array.from({ length: 9 }, () => row)]);
      for (let i = 0; i < 10; i++) {
        const read = await readSpreadsheet(bytes, 'xlsx', 100);
        expect(read.ok && read.rows.length, `${sheets} sheets, read ${i + 1}`).toBe(10);
      }
    }
  });
});

/** Written the way ledger-export.ts writes: exceljs' streaming writer, no shared strings, every sheet alike. */
async function streamedWorkbook(sheets: number, rows: string[][]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  for (let s = 0; s < sheets; s++) {
    const sheet = writer.addWorksheet(s === 0 ? '管控对象' : `表${s}`);
    for (const r of rows) sheet.addRow(r).commit();
    sheet.commit();
  }
  await writer.commit();
  return Buffer.concat(chunks);
}
