/**
 * Libraries only a few commands need (spreadsheets for imports and exports, Word files for
 * notices), loaded on first use: loading them at start cost about 0.1 s of every start on
 * the 2-core machine (bench:start), for work most runs never do. Node caches a module once
 * loaded, so later calls are immediate.
 */
export type Docx = typeof import('docx');

export const loadExcelJS = async () => (await import('exceljs')).default;

export const loadDocx = (): Promise<Docx> => import('docx');
