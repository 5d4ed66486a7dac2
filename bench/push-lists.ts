/**
 * Push-list benchmark (prints figures; not a test): a county list of BENCH_ROWS rows over
 * five villages (a tenth with no village, a twentieth already under management) read and
 * previewed as the import worker does for /下发, then pushed in one transaction (rows sealed,
 * one 待核查 card per village, the batch card); then the clock's cycle with nothing due and at
 * the deadline (漏核查 to HQ and the result sheet), in Postgres.
 *
 *   npm run bench:push
 *
 * Environment (all optional): BENCH_ROWS (2000), BENCH_DATABASE_URL / BENCH_SERVER_URL / TEST_DATABASE_URL.
 */
import { sql } from 'drizzle-orm';
import { createImport, getImport } from '../src/db/repositories/imports.repository';
import { chatBindings } from '../src/db/schema';
import { addDays } from '../src/domain/dates';
import { idCheckChar } from '../src/domain/id-number';
import { pushImport } from '../src/services/push-import';
import { runPushClocks } from '../src/services/push-clock';
import { readSpreadsheet } from '../src/services/read-spreadsheet';
import { registerCase } from '../src/services/register-case';
import { createLogger } from '../src/shared/logger';
import { fmt, table } from './lib/stats';
import { openBenchTownship } from './lib/township';

const ROWS = Number(process.env.BENCH_ROWS ?? 2000);
const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-12-02T09:00:00+08:00');
const VILLAGES = ['东风村', '红旗村', '向阳村', '胜利村', '光明村'];
const TYPES = ['密接', '次密接', '时空伴随', '重点地区返乡', '其他'];
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

function personId(i: number): string {
  const first17 = `110101${addDays('1940-01-01', i).replaceAll('-', '')}00${i % 10}`;
  return first17 + idCheckChar(first17);
}

async function main() {
  const township = await openBenchTownship('hw_bench_push', VILLAGES);
  const { db, policy, cipher, villages } = township;
  try {
    for (const v of villages) await db.insert(chatBindings).values({ chatId: `oc_bench_${v.id}`, kind: 'village', villageId: v.id, boundBy: 'ou_bench' });
    await db.insert(chatBindings).values({ chatId: 'oc_bench_hq', kind: 'hq', boundBy: 'ou_bench' });
    const homeCategory = policy.categories.find((c) => c.code === 'home_isolation')!;
    for (let i = 0; i < ROWS; i += 20) {
      const idNumber = personId(i);
      const value = { name: '在管人员', idNumber, phone: '13900000000', categoryCode: 'home_isolation', startDate: '2026-12-01', typedBasis: null, dateTyped: true, point: null, village: VILLAGES[0]!, address: null, contactNote: null, birthDate: '1940-01-01', sex: 'male' as const };
      await db.transaction((tx) => registerCase(tx, { value, category: homeCategory, village: villages[0]!, cipher, startBasis: 'found', pointId: null, team: [], actorOpenId: 'ou_bench', chatId: 'oc_bench', policy, timeZone: TZ, today: '2026-12-02', now: NOW }));
    }

    const lines = [['姓名', '身份证号', '手机号', '类型', '住址', '村', '批次'].join(',')];
    for (let i = 0; i < ROWS; i++) {
      const village = i % 10 === 9 ? '' : VILLAGES[i % VILLAGES.length]!;
      lines.push(['测试人员', personId(i), `139${String(i).padStart(8, '0')}`, TYPES[i % TYPES.length], i % 10 === 9 ? '县城某小区' : `${village}${i}号`, village, '县推第1批'].join(','));
    }
    const bytes = Buffer.from(lines.join('\r\n'));
    const deps = { db, lark: { downloadResource: async () => bytes }, cipher, policy, timeZone: TZ, now: () => NOW, logger: createLogger('silent'), idleMs: 1000 };
    const importId = await createImport(db, { kind: 'push', chatId: 'oc_bench_hq', requestedBy: 'ou_bench', requestMessageId: 'om_req', fileMessageId: 'om_file', fileKey: 'file_k', fileName: '推送.csv', boundVillageId: null, allowedVillageIds: null, now: NOW });
    const imp = (await getImport(db, importId))!;

    let t = process.hrtime.bigint();
    const read = await readSpreadsheet(bytes, 'csv', ROWS + 10);
    if (!read.ok) throw new Error(read.reason);
    const preview = await pushImport.preview(deps, imp, read.rows);
    const previewMs = ms(t);
    if ('failure' in preview) throw new Error(preview.failure);

    t = process.hrtime.bigint();
    await db.transaction((tx) => pushImport.write(tx, deps, { ...imp, previewOutboxId: null }, preview.rows));
    const pushMs = ms(t);

    t = process.hrtime.bigint();
    const idle = await runPushClocks(db, { now: NOW, policy, timeZone: TZ, cipher });
    const idleMs = ms(t);
    t = process.hrtime.bigint();
    const due = await runPushClocks(db, { now: new Date('2026-12-03T00:00:30+08:00'), policy, timeZone: TZ, cipher });
    const deadlineMs = ms(t);
    const [{ n: cards }] = (await db.execute(sql`select count(*)::int as n from push_cards`)) as unknown as [{ n: number }];

    console.log(`\nPush list of ${ROWS} rows (${VILLAGES.length} villages, a tenth unassigned, a twentieth already managed)\n`);
    console.log(
      table(
        ['step', 'ms', 'what'],
        [
          ['read + preview', fmt(previewMs, 0), `${preview.importable} rows to push`],
          ['下发 transaction', fmt(pushMs, 0), `${cards} village cards`],
          ['clock, nothing due', fmt(idleMs, 1), `${idle} batches`],
          ['clock at the deadline', fmt(deadlineMs, 0), `${due} batch: 漏核查 + result sheet`],
        ],
      ),
    );
  } finally {
    await township.close();
  }
}

await main();
