import ExcelJS from 'exceljs';
import { decodeCsvBytes, parseCsv } from '../domain/csv';
import type { SheetRow } from '../domain/import-rows';
import { CASE_SHEET_NAME, findHeaderRow } from '../domain/ledger-columns';

export type SpreadsheetKind = 'xlsx' | 'csv';

export function spreadsheetKind(fileName: string): SpreadsheetKind | null {
  const ext = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

export type ReadResult = { ok: true; rows: SheetRow[] } | { ok: false; reason: 'unreadable' | 'too_many_rows' };

/**
 * Every row of the sheet to import, cells as text. A workbook's sheet is the one named like
 * the ledger's (管控对象), else the first one with a recognisable header row.
 */
export async function readSpreadsheet(bytes: Buffer, kind: SpreadsheetKind, maxRows: number): Promise<ReadResult> {
  if (kind === 'csv') {
    const records = parseCsv(decodeCsvBytes(bytes));
    if (records.length > maxRows) return { ok: false, reason: 'too_many_rows' };
    return { ok: true, rows: records.map((r) => ({ row: r.line, cells: r.cells })) };
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const sheets = workbook.worksheets;
  const sheet =
    sheets.find((s) => s.name.trim() === CASE_SHEET_NAME) ??
    sheets.find((s) => findHeaderRow(sheetRows(s, 10).map((r) => r.cells)) !== null) ??
    sheets[0];
  if (!sheet) return { ok: false, reason: 'unreadable' };
  if (sheet.actualRowCount > maxRows) return { ok: false, reason: 'too_many_rows' };
  return { ok: true, rows: sheetRows(sheet, Infinity) };
}

function sheetRows(sheet: ExcelJS.Worksheet, limit: number): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > limit) return;
    const cells: string[] = [];
    const lossyColumns: number[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const text = cellText(cell.value);
      cells[col - 1] = text.text;
      if (text.lossy) lossyColumns.push(col - 1);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? ''), ...(lossyColumns.length ? { lossyColumns } : {}) });
  });
  return rows;
}

/** A cell as the person sees it. Numbers beyond 2^53 have lost digits (an ID typed into a number cell). */
export function cellText(value: ExcelJS.CellValue): { text: string; lossy?: boolean } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return { text: BigInt(value).toString(), lossy: true };
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: String(value) };
  // Date cells carry the calendar date at UTC midnight.
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('result' in value) return value.result === undefined ? { text: '' } : cellText(value.result as ExcelJS.CellValue);
  if ('text' in value) return { text: String(value.text) };
  return { text: '' };
}
