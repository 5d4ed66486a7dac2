/**
 * Transfer escalation benchmark (prints figures; not a test): one cycle of the escalation
 * worker's transfer pass (escalateLateTransfers) over 1 000 and then 10 000 transfers under way
 * in Postgres, a tenth of them late, and the same cycle when none is late (the common case:
 * it runs every 30 s). Each cycle runs until nothing is left to tell; the warnings and
 * patches go to the outbox and are counted, not sent.
 *
 *   npm run bench:transfers
 *
 * Environment (all optional): BENCH_TRANSFERS ("1000,10000"), BENCH_DATABASE_URL /
 * BENCH_SERVER_URL / TEST_DATABASE_URL (as for bench:webhook).
 */
import postgres from 'postgres';
import { openPostgres } from '../src/db/client';
import { loadPolicy } from '../src/domain/policy';
import { escalateLateTransfers } from '../src/services/transfer-escalation';
import { createBenchDatabase } from './lib/db';
import { fmt, table } from './lib/stats';

const SIZES = (process.env.BENCH_TRANSFERS ?? '1000,10000').split(',').map(Number);
const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-11-24T12:00:00+08:00');

/** Cases and their open transfers `from`..`to`-1, each with a card in 3 chats; every tenth requested 9 h ago (late), the rest 1 h ago. */
async function seed(sql: postgres.Sql, from: number, to: number) {
  await sql`
    insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date, registered_by, registered_in_chat)
    select 1, 'enc', '测*', 'name' || i, 'enc', 'hash' || i, 'enc', 'male', 'close_contact', '2026-11-24', '2026-11-30', 'ou_bench', 'oc_bench'
    from generate_series(${from}::int, ${to - 1}::int) i`;
  await sql`
    insert into transfers (case_id, destination, category, status, requested_by, requested_at, card_copies)
    select c.id, 'central', 'close_contact', 'dispatched', 'ou_bench',
           ${NOW.toISOString()}::timestamptz - case when c.id % 10 = 0 then interval '9 hours' else interval '1 hour' end,
           '[{"outboxId":1,"chatId":"oc_tf"},{"outboxId":2,"chatId":"oc_v"},{"outboxId":3,"chatId":"oc_hq"}]'::jsonb
    from cases c where c.id between ${from + 1} and ${to}`;
  await sql`analyze`;
}

async function cycle(handle: ReturnType<typeof openPostgres>) {
  const policy = loadPolicy();
  const t0 = performance.now();
  let told = 0;
  for (;;) {
    const n = await escalateLateTransfers(handle.db, { now: NOW, policy, timeZone: TZ });
    if (n === 0) break;
    told += n;
  }
  return { ms: performance.now() - t0, told };
}

async function main() {
  const db = await createBenchDatabase('hw_bench_transfers');
  const handle = openPostgres(db.url, { max: 2 });
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    await handle.migrate();
    await sql`insert into villages (name, created_by) values ('东风村', 'ou_bench')`;
    await sql`insert into chat_bindings (chat_id, kind, village_id, bound_by) values ('oc_v', 'village', 1, 'ou_bench')`;
    await sql`insert into chat_bindings (chat_id, kind, taskforce, bound_by) values ('oc_hq', 'hq', null, 'ou_bench'), ('oc_tf', 'taskforce', '转运', 'ou_bench')`;
    await sql`insert into isolation_points (name, created_by) values ('县隔离酒店', 'ou_bench')`;
    const rows: (string | number)[][] = [];
    let seeded = 0;
    process.stdout.write(`# homewatch transfer escalation benchmark, node ${process.version}\n`);
    for (const size of SIZES) {
      await seed(sql, seeded, size);
      seeded = size;
      const outboxBefore = (await sql<{ n: number }[]>`select count(*)::int as n from outbox`)[0]!.n;
      const late = await cycle(handle);
      const outbox = (await sql<{ n: number }[]>`select count(*)::int as n from outbox`)[0]!.n - outboxBefore;
      const idle = await cycle(handle);
      rows.push([size, late.told, fmt(late.ms, 0), fmt(late.ms / Math.max(1, late.told), 1), outbox, fmt(idle.ms, 1)]);
      process.stdout.write(`  ${size} open: told ${late.told} in ${fmt(late.ms, 0)} ms (${outbox} outbox rows); idle cycle ${fmt(idle.ms, 1)} ms\n`);
    }
    process.stdout.write(`\n${table(['open transfers', 'late told', 'cycle ms', 'ms per late', 'outbox rows', 'idle cycle ms'], rows)}\n`);
  } finally {
    await sql.end();
    await handle.close();
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
