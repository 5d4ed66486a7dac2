/**
 * Bulk import benchmark (prints figures; not a test): a 5 000-row file read and checked
 * (parse + validate, as the import worker does before the preview), then written by the
 * import transaction (cases, their duties and audit rows), in Postgres. For scale, the
 * single-registration path (registerCase, what /登记 runs) on a sample of rows.
 *
 *   npm run bench:import
 *
 * Environment (all optional): BENCH_ROWS (5000), BENCH_RUNS (3), BENCH_SINGLE (300, rows
 * for the single path), BENCH_DATABASE_URL / BENCH_SERVER_URL / TEST_DATABASE_URL.
 */
import ExcelJS from 'exceljs';
import { addDays } from '../src/domain/dates';
import { idCheckChar } from '../src/domain/id-number';
import { validateImportRows } from '../src/domain/import-rows';
import { findHeaderRow } from '../src/domain/ledger-columns';
import { activeCaseIdsByHash, bulkRegisterCases } from '../src/services/bulk-register';
import { readSpreadsheet, type SpreadsheetKind } from '../src/services/read-spreadsheet';
import { registerCase } from '../src/services/register-case';
import { fmt, table } from './lib/stats';
import { openBenchTownship } from './lib/township';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SINGLE = Number(process.env.BENCH_SINGLE ?? 300);
const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-24';
const NOW = new Date('2026-11-24T10:00:00+08:00');
const VILLAGES = ['东风村', '红旗村', '向阳村', '胜利村', '光明村'];
const CATEGORIES = ['居家隔离', '三天三检', '集中隔离', '入境', '居家隔离观察'];
const HEADER = ['姓名', '身份证号', '手机号', '类别', '开始日期', '村', '地址'];

/** Row i of run r: a distinct person (birth date from the row, region code from the run). */
function rowOf(r: number, i: number): string[] {
  const first17 = `${110101 + r}${addDays('1940-01-01', i).replaceAll('-', '')}00${i % 10}`;
  return [
    '测试人员',
    first17 + idCheckChar(first17),
    `139${String(r * 100_000 + i).padStart(8, '0')}`,
    CATEGORIES[i % CATEGORIES.length]!,
    addDays(TODAY, -(i % 7)),
    VILLAGES[i % VILLAGES.length]!,
    `幸福路${i}号`,
  ];
}

async function fileOf(kind: SpreadsheetKind, rows: string[][]): Promise<Buffer> {
  if (kind === 'csv') return Buffer.from(rows.map((r) => r.join(',')).join('\r\n'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

async function main() {
  const township = await openBenchTownship('hw_bench_import', VILLAGES);
  const { db, policy, cipher, villages } = township;
  const results: (string | number)[][] = [];
  try {

    for (let run = 0; run < RUNS; run++) {
      const kind: SpreadsheetKind = run === RUNS - 1 && RUNS > 1 ? 'csv' : 'xlsx';
      const rows = Array.from({ length: ROWS }, (_, i) => rowOf(run, i));
      const bytes = await fileOf(kind, [HEADER, ...rows]);

      let t = process.hrtime.bigint();
      const read = await readSpreadsheet(bytes, kind, ROWS + 10);
      if (!read.ok) throw new Error(`unreadable: ${read.reason}`);
      const header = findHeaderRow(read.rows.map((r) => r.cells))!;
      const checked = validateImportRows({
        rows: read.rows.slice(header.index + 1),
        columns: header.columns,
        today: TODAY,
        policy,
        villageNames: villages.map((v) => v.name),
        boundVillage: null,
        allowedVillages: null,
      });
      await activeCaseIdsByHash(db, checked.valid.map((v) => cipher.lookupHash(v.idNumber)));
      const parseMs = ms(t);
      if (checked.valid.length !== ROWS) throw new Error(`expected ${ROWS} valid rows, got ${checked.valid.length}`);

      t = process.hrtime.bigint();
      const outcome = await db.transaction((tx) =>
        bulkRegisterCases(tx, { rows: checked.valid, villages, policy, cipher, actorOpenId: 'ou_bench', chatId: 'oc_bench', importId: run + 1, defaultPointId: null, timeZone: TZ, today: TODAY, now: NOW }),
      );
      const importMs = ms(t);
      if (outcome.created.length !== ROWS) throw new Error(`expected ${ROWS} created, got ${outcome.created.length}`);
      const [{ n }] = (await db.execute(`select count(*)::int as n from duties where case_id >= ${Math.min(...outcome.created.map((c) => c.caseId))}`)) as unknown as [{ n: number }];
      results.push([run + 1, kind, `${fmt(bytes.length / 1024, 0)} KB`, fmt(parseMs, 0), fmt(importMs, 0), n, fmt((parseMs + importMs) / 1000, 2)]);
    }

    // The single path: one transaction per registration, as /登记 does.
    const single = Array.from({ length: SINGLE }, (_, i) => rowOf(RUNS + 1, i));
    const checked = validateImportRows({
      rows: single.map((cells, i) => ({ row: i + 2, cells })),
      columns: { name: 0, idNumber: 1, phone: 2, category: 3, startDate: 4, village: 5, address: 6 },
      today: TODAY,
      policy,
      villageNames: villages.map((v) => v.name),
      boundVillage: null,
      allowedVillages: null,
    });
    const t = process.hrtime.bigint();
    for (const value of checked.valid) {
      await db.transaction((tx) =>
        registerCase(tx, {
          value,
          category: policy.categories.find((c) => c.code === value.categoryCode)!,
          village: villages.find((v) => v.name === value.village)!,
          cipher,
          startBasis: 'arrival',
          pointId: null,
          team: [],
          actorOpenId: 'ou_bench',
          chatId: 'oc_bench',
          policy,
          timeZone: TZ,
          today: TODAY,
          now: NOW,
        }),
      );
    }
    const perCase = ms(t) / checked.valid.length;

    console.log(`\nBulk import of ${ROWS} rows (${VILLAGES.length} villages, ${CATEGORIES.length} categories, start dates over 7 days)\n`);
    console.log(table(['run', 'file', 'size', 'parse+validate ms', 'import tx ms', 'duties written', 'total s'], results));
    console.log(`\nSingle registration path (registerCase, one transaction each): ${fmt(perCase, 1)} ms per case over ${checked.valid.length} cases`);
    console.log(`→ ${ROWS} rows that way: about ${fmt((perCase * ROWS) / 1000, 0)} s\n`);
  } finally {
    await township.close();
  }
}

await main();
