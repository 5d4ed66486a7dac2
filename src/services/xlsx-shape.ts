import { Unzip, UnzipInflate } from 'fflate';

/** How big a workbook may be once unpacked; a file past any of these is refused unread. */
export interface XlsxLimits {
  /** Bytes of all its parts, unpacked. */
  maxUnpackedBytes: number;
  maxParts: number;
  maxSheets: number;
  /** Cells of all sheets, counted as written (empty ones too). */
  maxCells: number;
  maxCellsPerRow: number;
}

export type XlsxShape = 'ok' | 'too_big' | 'unreadable';

const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;
// A cell or a row opening in the sheet XML (not <col>, <cols>, <cfRule>).
const CELL_OR_ROW = /<(c|row)[\s>/]/g;
// Small pushes: one compressed KB unpacks to at most about a MB, so a limit is noticed soon after it is passed.
const CHUNK = 1024;

/**
 * Unpacks the workbook's parts, counting what comes out, and stops at the first limit: a
 * 2 MB file can unpack to gigabytes of XML with millions of cells (a zip bomb), and no XML
 * parser should ever see that. Counts are of real output, not of the sizes the zip declares.
 */
export function checkXlsxShape(bytes: Uint8Array, limits: XlsxLimits): XlsxShape {
  let verdict: XlsxShape | null = null;
  let unpacked = 0;
  let parts = 0;
  let sheets = 0;
  let cells = 0;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    parts++;
    const isSheet = SHEET_PART.test(file.name);
    if (isSheet) sheets++;
    if (parts > limits.maxParts || sheets > limits.maxSheets) {
      verdict ??= 'too_big';
      return;
    }
    let carry = '';
    let inRow = 0;
    file.ondata = (err, chunk) => {
      if (verdict) return;
      if (err) {
        verdict = 'unreadable';
        return;
      }
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes) verdict = 'too_big';
      else if (isSheet) {
        // Tags are ASCII: latin1 keeps byte offsets and cannot fail on a split UTF-8 character.
        const text = carry + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        for (const m of text.matchAll(CELL_OR_ROW)) {
          if (m[1] === 'row') inRow = 0;
          else if (++cells > limits.maxCells || ++inRow > limits.maxCellsPerRow) verdict = 'too_big';
        }
        // A tag cut by the chunk's end is read again with the next chunk.
        const lt = text.lastIndexOf('<');
        carry = lt >= 0 && text.length - lt < 5 && !/^<(?:c|row)[\s>/]/.test(text.slice(lt)) ? text.slice(lt) : '';
      }
      if (verdict) file.terminate();
    };
    file.start();
  };
  try {
    for (let i = 0; i < bytes.length && !verdict; i += CHUNK) unzip.push(bytes.subarray(i, i + CHUNK), i + CHUNK >= bytes.length);
  } catch {
    return 'unreadable';
  }
  return verdict ?? (parts === 0 ? 'unreadable' : 'ok');
}
