/**
 * Jobs benchmark (prints figures; not a test): each scheduled job's computation on a
 * township of 50 villages with 10 000 and then 100 000 active cases and their duties, in
 * Postgres. A job runs in a transaction that is rolled back (its messages are built and
 * written to the outbox, then discarded), so nothing is sent and each job sees the same data.
 * Printed per job: wall time and the peak of the JS heap above what it was before the run.
 * Goal: ≤ 1 s per job, memory flat as cases grow.
 *
 *   npm run bench:jobs
 *
 * Environment (all optional): BENCH_CASES ("10000,100000"), BENCH_VILLAGES (50),
 * BENCH_DATABASE_URL / BENCH_SERVER_URL / TEST_DATABASE_URL (as for bench:webhook).
 */
import crypto from 'node:crypto';
import postgres from 'postgres';
import { jobs } from '../jobs';
import type { JobDefinition } from '../jobs/define-job';
import { openPostgres } from '../src/db/client';
import { loadPolicy } from '../src/domain/policy';
import { fireOn } from '../src/domain/schedule';
import { createDataCipher } from '../src/shared/data-cipher';
import { createBenchDatabase } from './lib/db';
import { fmt, table } from './lib/stats';

const SIZES = (process.env.BENCH_CASES ?? '10000,100000').split(',').map(Number);
const VILLAGES = Number(process.env.BENCH_VILLAGES ?? 50);
const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-24';

class Rollback extends Error {}

/**
 * Seeds cases `from`..`to`-1 as 居家隔离 (7 days, tests on days 1, 4, 7, temperature am/pm),
 * start dates spread over the last 7 days so that every day of a period occurs today; the
 * past is done, today's is pending. Plain SQL: it is the data, not the app, being set up.
 */
async function seed(sql: postgres.Sql, from: number, to: number) {
  await sql`
    insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date, registered_by, registered_in_chat, created_at)
    select 1 + (i % ${VILLAGES}::int), 'enc', '测*', 'name' || i, 'enc', 'hash' || i, 'enc', 'male', 'home_isolation',
           ${TODAY}::date - (i % 7), ${TODAY}::date - (i % 7) + 6, 'ou_bench', 'oc_bench', ${TODAY}::date - (i % 7)
    from generate_series(${from}::int, ${to - 1}::int) i`;
  const slots = [
    ['temp', 'am', '07:00', '11:00'],
    ['temp', 'pm', '14:00', '18:00'],
  ];
  for (const [kind, slot, start, end] of slots) {
    await sql`
      insert into duties (case_id, village_id, kind, day, due_date, slot, phase, window_start, window_end, status)
      select c.id, c.village_id, ${kind!}, d, c.start_date + d - 1, ${slot!}, '居家隔离',
             ((c.start_date + d - 1) + ${start!}::time) at time zone ${TZ}, ((c.start_date + d - 1) + ${end!}::time) at time zone ${TZ},
             case when c.start_date + d - 1 < ${TODAY}::date then 'done' else 'pending' end
      from cases c cross join generate_series(1, 7) d where c.id between ${from + 1} and ${to}`;
  }
  await sql`
    insert into duties (case_id, village_id, kind, day, due_date, slot, phase, window_start, window_end, status)
    select c.id, c.village_id, 'test', d, c.start_date + d - 1, null, '居家隔离',
           ((c.start_date + d - 1) + '08:00'::time) at time zone ${TZ}, ((c.start_date + d - 1) + '12:00'::time) at time zone ${TZ},
           case when c.start_date + d - 1 < ${TODAY}::date then 'done' else 'pending' end
    from cases c cross join (values (1), (4), (7)) t(d) where c.id between ${from + 1} and ${to}`;
  await sql`analyze`;
}

async function measure(handle: ReturnType<typeof openPostgres>, job: JobDefinition, time: string) {
  const policy = loadPolicy();
  const fire = fireOn(TODAY, time, TZ);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  let result: Record<string, number> = {};
  try {
    await handle.db.transaction(async (tx) => {
      result = await job.run({ db: tx, now: fire.at, fire, today: TODAY, timeZone: TZ, policy, cipher: createDataCipher(crypto.randomBytes(32).toString('base64')) });
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { ms, heapMb: (peak - before) / 1e6, result };
}

async function main() {
  const db = await createBenchDatabase('hw_bench_jobs');
  const handle = openPostgres(db.url, { max: 2 });
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  try {
    await handle.migrate();
    const policy = loadPolicy();
    await sql`insert into villages (name, created_by) select '村' || v, 'ou_bench' from generate_series(1, ${VILLAGES}::int) v`;
    await sql`insert into chat_bindings (chat_id, kind, village_id, bound_by) select 'oc_v' || id, 'village', id, 'ou_bench' from villages`;
    await sql`insert into chat_bindings (chat_id, kind, taskforce, bound_by) values ('oc_hq', 'hq', null, 'ou_bench'), ('oc_tf', 'taskforce', '核酸检测', 'ou_bench')`;
    await sql`insert into role_grants (open_id, role, village_id, granted_by) select 'ou_doc' || id, 'doctor', id, 'ou_bench' from villages`;
    const rows: (string | number)[][] = [];
    let seeded = 0;
    process.stdout.write(`# homewatch jobs benchmark: ${VILLAGES} villages, today ${TODAY}, node ${process.version}${global.gc ? '' : ' (run with --expose-gc for steadier memory figures)'}\n`);
    for (const size of SIZES) {
      const t0 = performance.now();
      await seed(sql, seeded, size);
      seeded = size;
      const [counts] = await sql<{ cases: number; duties: number }[]>`select (select count(*)::int from cases) as cases, (select count(*)::int from duties) as duties`;
      process.stdout.write(`seeded ${counts!.cases} cases, ${counts!.duties} duties in ${fmt((performance.now() - t0) / 1000, 1)} s\n`);
      for (const job of jobs) {
        const time = job.times(policy).at(-1)!;
        await measure(handle, job, time); // warm-up: plans and caches
        const m = await measure(handle, job, time);
        rows.push([size, job.name, time, fmt(m.ms, 0), fmt(m.heapMb, 1), JSON.stringify(m.result)]);
        process.stdout.write(`  ${job.name} @${time}: ${fmt(m.ms, 0)} ms, heap +${fmt(m.heapMb, 1)} MB ${JSON.stringify(m.result)}\n`);
      }
    }
    process.stdout.write(`\n${table(['cases', 'job', 'fire', 'ms', 'heap peak MB', 'result'], rows)}\n`);
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
