import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../shared/lazy-modules';
import { decodeCsvBytes, parseCsv } from '../domain/csv';
import type { SheetRow } from '../domain/import-rows';
import { CASE_SHEET_NAME, findHeaderRow } from '../domain/ledger-columns';
import { checkXlsxShape } from './xlsx-shape';

export type SpreadsheetKind = 'xlsx' | 'csv';

export function spreadsheetKind(fileName: string): SpreadsheetKind | null {
  const ext = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === 'xlsx' || ext === 'csv' ? ext : null;
}

export type ReadResult = { ok: true; rows: SheetRow[] } | { ok: false; reason: 'unreadable' | 'too_many_rows' | 'too_big' };

// A list to import has a few dozen columns and at most maxRows rows (plus a title and a
// header); the limits leave room for that and nothing near what a crafted file can unpack to.
const MAX_COLUMNS = 200;
const CELLS_PER_ROW_ON_AVERAGE = 60;
const MAX_SHEETS = 20;
const MAX_PARTS = 200;
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

interface SheetRead {
  name: string;
  rows: SheetRow[];
  overflow: boolean;
}

/**
 * Every row of the sheet to import, cells as text. A workbook's sheet is the one named like
 * the ledger's (管控对象), else the first one with a recognisable header row. The workbook's
 * shape (parts, bytes and cells once unpacked) is checked before any XML is parsed, so an
 * oversized or crafted file is refused in a fraction of a second and small memory.
 */
export async function readSpreadsheet(bytes: Buffer, kind: SpreadsheetKind, maxRows: number): Promise<ReadResult> {
  const maxCells = maxRows * CELLS_PER_ROW_ON_AVERAGE;
  if (kind === 'csv') return readCsv(bytes, maxRows, maxCells);
  const shape = checkXlsxShape(bytes, { maxUnpackedBytes: MAX_UNPACKED_BYTES, maxParts: MAX_PARTS, maxSheets: MAX_SHEETS, maxCells, maxCellsPerRow: MAX_COLUMNS });
  if (shape !== 'ok') return { ok: false, reason: shape };
  let sheets: SheetRead[];
  try {
    sheets = await loadSheets(bytes, maxRows);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const sheet =
    sheets.find((s) => s.name.trim() === CASE_SHEET_NAME) ??
    sheets.find((s) => findHeaderRow(s.rows.slice(0, 10).map((r) => r.cells)) !== null) ??
    sheets[0];
  if (!sheet) return { ok: false, reason: 'unreadable' };
  if (sheet.overflow) return { ok: false, reason: 'too_many_rows' };
  return { ok: true, rows: sheet.rows };
}

function readCsv(bytes: Buffer, maxRows: number, maxCells: number): ReadResult {
  const text = decodeCsvBytes(bytes);
  // Separators bound the cells a parse would make: counted before parsing.
  let separators = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c === 44 || c === 10) && ++separators > maxCells) return { ok: false, reason: 'too_big' };
  }
  const records = parseCsv(text);
  if (records.length > maxRows) return { ok: false, reason: 'too_many_rows' };
  return { ok: true, rows: records.map((r) => ({ row: r.line, cells: r.cells })) };
}

/**
 * Each sheet's rows; a sheet stops being kept at maxRows (and is marked overflowing). Loaded
 * whole, not through exceljs' streaming reader: that one loses a part of the zip now and then
 * (exceljs#3064), most often with workbooks exceljs wrote itself (xl/workbook.xml last), so
 * our own 台账 exports read back as unreadable about one time in ten. The shape check above
 * bounds what loading whole can cost (about 200 MB for the most cells it lets through).
 */
async function loadSheets(bytes: Buffer, maxRows: number): Promise<SheetRead[]> {
  const workbook = new (await loadExcelJS()).Workbook();
  // exceljs types its input as an ArrayBuffer; it hands it to JSZip, which reads a Buffer too.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((worksheet) => {
    const sheet: SheetRead = { name: worksheet.name, rows: [], overflow: false };
    // Rows with values only, in order.
    worksheet.eachRow((row) => {
      if (sheet.rows.length < maxRows) sheet.rows.push(rowOf(row));
      else sheet.overflow = true;
    });
    return sheet;
  });
}

function rowOf(row: ExcelJS.Row): SheetRow {
  const cells: string[] = [];
  const lossyColumns: number[] = [];
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    const text = cellText(cell.value);
    cells[col - 1] = text.text;
    if (text.lossy) lossyColumns.push(col - 1);
  });
  return { row: row.number, cells: Array.from(cells, (c) => c ?? ''), ...(lossyColumns.length ? { lossyColumns } : {}) };
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
