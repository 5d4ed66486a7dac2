/**
 * Webhook benchmark (prints figures; not a test).
 *
 * The real server (`node --import tsx src/main.ts`, real Postgres, fake Lark) and a minimal
 * handler that only verifies and decrypts (bench/lib/minimal-server.ts, the stack's limit)
 * run as child processes; this process is the load generator on loopback. It fires signed,
 * encrypted `/登记` messages (80 %) and `card.action.trigger` clicks (20 %) at rising
 * concurrency and prints throughput and ack latency for both. Goal: the full durable path
 * reaches ≥ 50 % of the minimal handler's throughput with p99 ack ≤ 100 ms at that load.
 *
 * A third, diagnostic target is the homewatch app with its workers not started
 * (bench/lib/ack-only-server.ts, own scratch database): the acknowledgement path alone.
 * When the goal is not met (or BENCH_BREAKDOWN=1) the run ends with a per-step breakdown
 * of the receive path and of the inbox processing (bench/lib/breakdown.ts).
 *
 *   npm run bench:webhook
 *
 * Environment (all optional): BENCH_CONCURRENCY (default "1,4,16,32,64"), BENCH_DURATION_MS
 * (5000 per level), BENCH_WARMUP_MS (1000), BENCH_CARD_SHARE (0.2), BENCH_VILLAGES (4),
 * BENCH_ACK_ONLY (1; 0 skips the diagnostic target), BENCH_BREAKDOWN (auto; 1 always, 0 never),
 * BENCH_WAIT_QUIET_S (120: wait up to this long for other processes to leave the CPU idle),
 * BENCH_SERVER_NODE_ARGS (extra node flags for the homewatch children, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_DRAIN_TIMEOUT_MS (900000),
 * BENCH_DATABASE_URL (use this database as is, not dropped) or BENCH_SERVER_URL /
 * TEST_DATABASE_URL (server to create fresh databases on; default
 * postgres://postgres@127.0.0.1:5432/test).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import postgres from 'postgres';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../tests/helpers/fake-lark-server';
import { measureBreakdown, printBreakdown } from './lib/breakdown';
import { createBenchDatabase, type BenchDatabase } from './lib/db';
import { createDeliveryFactory, type DeliveryFactory, type DeliveryIdentity } from './lib/deliveries';
import { type LoadResult, type PreparedRequest, runClosedLoop } from './lib/load';
import { type Child, cpuBetween, type CpuUse, freePort, machineQuietness, sampleCpu, startTsChild, waitForHttp } from './lib/proc';
import { fmt, sleep, table, waitUntil } from './lib/stats';

const LEVELS = (process.env.BENCH_CONCURRENCY ?? '1,4,16,32,64').split(',').map((s) => Number(s.trim())).filter((n) => n > 0);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 1000);
const CARD_SHARE = Number(process.env.BENCH_CARD_SHARE ?? 0.2);
const VILLAGE_COUNT = Math.max(1, Number(process.env.BENCH_VILLAGES ?? 4));
const ACK_ONLY = process.env.BENCH_ACK_ONLY !== '0';
const BREAKDOWN = process.env.BENCH_BREAKDOWN ?? 'auto';
const WAIT_QUIET_S = Number(process.env.BENCH_WAIT_QUIET_S ?? 120);
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_DRAIN_TIMEOUT_MS ?? 900_000);
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
const P99_GOAL_MS = 100;
const THROUGHPUT_GOAL = 0.5;

const HOST = '127.0.0.1';
const ADMIN = 'ou_bench_admin';
const VILLAGES = ['东风村', '红旗村', '胜利村', '光明村', '前进村', '幸福村', '团结村', '和平村'];

type Target = 'minimal' | 'ack-only' | 'full';
const LABEL: Record<Target, string> = {
  minimal: 'minimal (verify+decrypt)',
  'ack-only': 'homewatch, workers off [diag]',
  full: 'homewatch full',
};

interface LevelRow extends LoadResult {
  target: Target;
  cpu: CpuUse;
}

interface Health {
  inbox: { pending: number; failed: number };
  outbox: { pending: number };
}

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

async function healthz(port: number): Promise<Health> {
  const res = await fetch(`http://${HOST}:${port}/healthz`);
  return (await res.json()) as Health;
}

/** POSTs one prepared delivery outside the load (seeding). */
async function post(port: number, r: PreparedRequest): Promise<number> {
  const { Host: _host, Connection: _conn, 'Content-Length': _len, ...headers } = r.headers;
  const res = await fetch(`http://${HOST}:${port}${r.path}`, { method: 'POST', body: r.body, headers });
  await res.arrayBuffer();
  return res.status;
}

function homewatchEnv(databaseUrl: string, fake: FakeLark, identity: DeliveryIdentity, port: number): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    LARK_APP_ID: FAKE_APP_ID,
    LARK_APP_SECRET: FAKE_APP_SECRET,
    LARK_VERIFICATION_TOKEN: identity.verificationToken,
    LARK_ENCRYPT_KEY: identity.encryptKey,
    LARK_DOMAIN: fake.url,
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'warn',
    HOMEWATCH_ADMINS: ADMIN,
    // A few simulated cadres send thousands of /登记: measure throughput, not the per-sender budget.
    HOMEWATCH_SENDER_BURST: '1000000',
  };
}

/** Seeds through the real webhook: villages from the admin in p2p, then one bound group per village. */
async function seed(port: number, fake: FakeLark, factory: DeliveryFactory, villageChats: string[]) {
  const steps: { text: string; chatId: string; p2p: boolean }[] = [
    { text: `/村 添加 ${VILLAGES.slice(0, villageChats.length).join(',')}`, chatId: 'oc_bench_admin_p2p', p2p: true },
    ...villageChats.map((chatId, i) => ({ text: `/绑定 ${VILLAGES[i]!}`, chatId, p2p: false })),
  ];
  for (const step of steps) {
    const d = factory.command(step.text, { from: ADMIN, chatId: step.chatId, p2p: step.p2p });
    fake.registerIncoming(d.messageId, step.chatId);
    const status = await post(port, d);
    if (status !== 200) throw new Error(`seeding "${step.text}" answered ${status}`);
    await waitUntil(`a reply to "${step.text}"`, () => fake.messages.some((m) => m.replyTo === d.messageId), 30_000);
    const reply = fake.messages.find((m) => m.replyTo === d.messageId)!;
    const text = reply.msgType === 'text' ? String((reply.parsedContent as { text?: string }).text) : reply.content;
    log(`  seed: ${step.text}  →  ${text.replace(/\s+/g, ' ').slice(0, 80)}`);
  }
}

/** Builds `count` deliveries now (fresh timestamps), registering messages with the fake so replies land. */
function buildPool(factory: DeliveryFactory, fake: FakeLark | null, count: number): () => PreparedRequest {
  const pool: PreparedRequest[] = [];
  const make = () => {
    const d = factory.make();
    if (fake && d.messageId && d.chatId) fake.registerIncoming(d.messageId, d.chatId);
    return d;
  };
  for (let i = 0; i < count; i++) pool.push(make());
  let next = 0;
  return () => pool[next++] ?? make();
}

async function runLevels(target: Target, port: number, child: Child, factory: DeliveryFactory, fake: FakeLark | null): Promise<LevelRow[]> {
  const rows: LevelRow[] = [];
  let estimate = 500; // req/s, refined by each level
  for (const concurrency of LEVELS) {
    const count = Math.ceil(estimate * 1.5 * ((WARMUP_MS + DURATION_MS) / 1000)) + 500;
    const next = buildPool(factory, fake, count);
    await sleep(300); // let the build's garbage settle
    let cpuStart = sampleCpu(child.pid);
    const cpuTimer = setTimeout(() => (cpuStart = sampleCpu(child.pid)), WARMUP_MS);
    const result = await runClosedLoop({ host: HOST, port, concurrency, warmupMs: WARMUP_MS, durationMs: DURATION_MS, next });
    clearTimeout(cpuTimer);
    const cpu = cpuBetween(cpuStart, sampleCpu(child.pid));
    rows.push({ ...result, target, cpu });
    estimate = Math.max(estimate, result.rps * 1.2);
    const errs = Object.entries(result.errorKinds).map(([k, v]) => `${k}×${v}`).join(' ');
    log(
      `  ${target.padEnd(8)} c=${String(concurrency).padStart(3)}  ${fmt(result.rps, 0).padStart(6)} req/s  p50 ${fmt(result.p50, 2)} ms  p99 ${fmt(result.p99, 2)} ms` +
        `  errors ${result.errors}${errs ? ` (${errs})` : ''}  cpu: server ${fmt(cpu.target, 0)}% postgres ${fmt(cpu.postgres, 0)}% loadgen ${fmt(cpu.loadgen, 0)}% other ${fmt(cpu.other, 0)}%`,
    );
  }
  return rows;
}

async function waitForQuietMachine() {
  const deadline = Date.now() + WAIT_QUIET_S * 1000;
  let q = await machineQuietness([]);
  let waited = false;
  while (q.busyOtherPct > 25 && Date.now() < deadline) {
    if (!waited) log(`machine busy (other processes use ${fmt(q.busyOtherPct, 0)} % CPU); waiting up to ${WAIT_QUIET_S} s for it to calm down…`);
    waited = true;
    await sleep(2000);
    q = await machineQuietness([]);
  }
  log(`machine at start: load average ${fmt(q.loadavg, 2)}, other processes using ${fmt(q.busyOtherPct, 0)} % CPU (200 % = both cores)${q.busyOtherPct > 25 ? ' — NOT quiet, figures will be low and noisy' : ''}`);
}

async function main() {
  const children: Child[] = [];
  const databases: BenchDatabase[] = [];
  let fake: FakeLark | undefined;
  try {
    log('# homewatch webhook benchmark');
    log(
      `node ${process.version}, ${os.cpus().length} cores, concurrency ${LEVELS.join('/')}, ${DURATION_MS} ms per level after ${WARMUP_MS} ms warm-up, ` +
        `${Math.round((1 - CARD_SHARE) * 100)} % /登记 messages (POST /lark/events) + ${Math.round(CARD_SHARE * 100)} % card clicks (POST /lark/cards), all signed and encrypted`,
    );
    await waitForQuietMachine();

    const db = await createBenchDatabase('hw_bench_webhook');
    databases.push(db);
    fake = await startFakeLark();
    const villageChats = Array.from({ length: Math.min(VILLAGE_COUNT, VILLAGES.length) }, (_, i) => `oc_bench_village_${i + 1}`);
    const identity: DeliveryIdentity = {
      verificationToken: `vt-bench-${crypto.randomBytes(6).toString('hex')}`,
      encryptKey: `ek-bench-${crypto.randomBytes(6).toString('hex')}`,
      botOpenId: fake.botOpenId,
      villageChats,
    };
    const newFactory = () => createDeliveryFactory(identity, { cardShare: CARD_SHARE, cadresPerVillage: 20 });

    const fullPort = await freePort();
    const server = startTsChild('homewatch', 'src/main.ts', homewatchEnv(db.url, fake, identity, fullPort), { nodeArgs: SERVER_NODE_ARGS });
    children.push(server);
    await waitForHttp(`http://${HOST}:${fullPort}/healthz`, server);
    log(`database ${db.created ? 'created' : 'given'}: ${new URL(db.url).pathname.slice(1)}; homewatch on :${fullPort} (pid ${server.pid})`);

    const factory = newFactory();
    log('');
    log('## seeding through the webhook');
    await seed(fullPort, fake, factory, villageChats);
    await waitUntil('the seed deliveries to be processed', async () => (await healthz(fullPort)).inbox.pending === 0, 30_000, 100);

    log('');
    log('## load');
    // The minimal handler first, then the diagnostic target, then the full server (whose inbox
    // backlog would otherwise keep a core busy during the other runs).
    const minimalPort = await freePort();
    const minimal = startTsChild('minimal', 'bench/lib/minimal-server.ts', { PORT: String(minimalPort), HOST, LARK_ENCRYPT_KEY: identity.encryptKey });
    children.push(minimal);
    await waitForHttp(`http://${HOST}:${minimalPort}/healthz`, minimal);
    const minimalRows = await runLevels('minimal', minimalPort, minimal, newFactory(), null);
    await minimal.stop();

    let ackRows: LevelRow[] = [];
    let scratch: BenchDatabase | undefined;
    if (ACK_ONLY || BREAKDOWN !== '0') {
      scratch = await createBenchDatabase('hw_bench_scratch', { alwaysFresh: true });
      databases.push(scratch);
    }
    if (ACK_ONLY && scratch) {
      const ackPort = await freePort();
      const ack = startTsChild('ack-only', 'bench/lib/ack-only-server.ts', homewatchEnv(scratch.url, fake, identity, ackPort), { nodeArgs: SERVER_NODE_ARGS });
      children.push(ack);
      await waitForHttp(`http://${HOST}:${ackPort}/healthz`, ack);
      ackRows = await runLevels('ack-only', ackPort, ack, newFactory(), null);
      await ack.stop();
      const s = postgres(scratch.url, { max: 1, onnotice: () => {} });
      await s`truncate inbox`;
      await s.end();
    }

    const loadStart = Date.now();
    const fullRows = await runLevels('full', fullPort, server, factory, fake);
    const loadEnd = Date.now();

    // ---- drain: the inbox worker was processing in the background; how long does the rest take? ----
    const atEnd = await healthz(fullPort);
    const drainStart = performance.now();
    let lastReport = drainStart;
    let drained = atEnd;
    while (drained.inbox.pending > 0) {
      if (performance.now() - drainStart > DRAIN_TIMEOUT_MS) break;
      await sleep(200);
      drained = await healthz(fullPort);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        log(`  … inbox pending ${drained.inbox.pending} after ${fmt((lastReport - drainStart) / 1000, 0)} s`);
      }
    }
    const drainSeconds = (performance.now() - drainStart) / 1000;

    // ---- what the server did, read from its database ----
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    const [inboxStats] = await sql<{ done: number; failed: number; pending: number; first_received: Date | null; last_processed: Date | null }[]>`
      select count(*) filter (where status = 'done')::int as done,
             count(*) filter (where status = 'failed')::int as failed,
             count(*) filter (where status = 'pending')::int as pending,
             min(received_at) filter (where received_at >= ${new Date(loadStart)}) as first_received,
             max(processed_at) as last_processed
      from inbox`;
    const [caseStats] = await sql<{ n: number }[]>`select count(*)::int as n from cases`;
    const [outboxStats] = await sql<{ pending: number; delivered: number; failed: number }[]>`
      select count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status = 'delivered')::int as delivered,
             count(*) filter (where status = 'failed')::int as failed
      from outbox`;
    const errorsByMessage = await sql<{ last_error: string; n: number }[]>`
      select last_error, count(*)::int as n from inbox where last_error is not null group by last_error order by n desc limit 5`;
    await sql.end();
    await server.stop();

    // ---- report ----
    const all = [...minimalRows, ...ackRows, ...fullRows];
    log('');
    log('## results (ack latency = time from writing the request to reading the complete HTTP answer, on loopback)');
    log(
      table(
        ['target', 'concurrency', 'requests', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'cpu server', 'cpu postgres', 'cpu loadgen', 'cpu other'],
        all.map((r) => [
          LABEL[r.target],
          r.concurrency,
          r.requests,
          fmt(r.rps, 0),
          fmt(r.p50, 2),
          fmt(r.p95, 2),
          fmt(r.p99, 2),
          fmt(r.max, 1),
          r.errors,
          `${fmt(r.cpu.target, 0)}%`,
          `${fmt(r.cpu.postgres, 0)}%`,
          `${fmt(r.cpu.loadgen, 0)}%`,
          `${fmt(r.cpu.other, 0)}%`,
        ]),
      ),
    );
    log('(cpu: percent of one core over the measured window; the machine has 200 %. "server" = the process under test, "loadgen" = this process, "other" = anything else on the machine.)');

    const bestMinimal = minimalRows.reduce((a, b) => (b.rps > a.rps ? b : a));
    const eligible = fullRows.filter((r) => r.p99 <= P99_GOAL_MS && r.errors === 0);
    const bestFull = eligible.length ? eligible.reduce((a, b) => (b.rps > a.rps ? b : a)) : null;
    const ratio = bestFull ? bestFull.rps / bestMinimal.rps : 0;
    const met = bestFull !== null && ratio >= THROUGHPUT_GOAL;
    log('');
    log(
      `SUMMARY: full path best ${bestFull ? `${fmt(bestFull.rps, 0)} req/s at c=${bestFull.concurrency} (p99 ${fmt(bestFull.p99, 1)} ms)` : 'none with p99 ≤ 100 ms and no errors'}` +
        ` vs minimal handler best ${fmt(bestMinimal.rps, 0)} req/s at c=${bestMinimal.concurrency} (p99 ${fmt(bestMinimal.p99, 1)} ms)` +
        ` = ${fmt(ratio * 100, 1)} %; goal ≥ ${THROUGHPUT_GOAL * 100} % with p99 ≤ ${P99_GOAL_MS} ms: ${met ? 'MET' : 'NOT MET'}`,
    );
    if (ackRows.length) {
      const bestAck = ackRows.filter((r) => r.p99 <= P99_GOAL_MS && r.errors === 0).reduce<LevelRow | null>((a, b) => (!a || b.rps > a.rps ? b : a), null);
      if (bestAck) log(`  [diag] homewatch with its workers off: best ${fmt(bestAck.rps, 0)} req/s at c=${bestAck.concurrency} (p99 ${fmt(bestAck.p99, 1)} ms) = ${fmt((bestAck.rps / bestMinimal.rps) * 100, 1)} % of the minimal handler`);
    }

    const storedMessages = fullRows.reduce((s, r) => s + (r.okByKind.message ?? 0), 0);
    const storedCards = fullRows.reduce((s, r) => s + (r.okByKind.card ?? 0), 0);
    const loadSeconds = (loadEnd - loadStart) / 1000;
    const processedDuringLoad = storedMessages - atEnd.inbox.pending;
    log('');
    log('## inbox backlog (the worker processes the /登记 messages in the background while the load runs)');
    log(`messages acknowledged during the full-path load (warm-ups included): ${storedMessages}; card clicks answered: ${storedCards}`);
    log(`processed while the load ran: ${processedDuringLoad} in ${fmt(loadSeconds, 1)} s = ${fmt(processedDuringLoad / loadSeconds, 1)} deliveries/s (while also serving the load)`);
    log(
      drained.inbox.pending === 0
        ? `backlog at the end of the load: ${atEnd.inbox.pending} deliveries, drained in ${fmt(drainSeconds, 1)} s = ${fmt(atEnd.inbox.pending / Math.max(drainSeconds, 0.001), 1)} deliveries/s (no incoming load)`
        : `backlog at the end of the load: ${atEnd.inbox.pending}; NOT drained after ${fmt(drainSeconds, 0)} s (${drained.inbox.pending} still pending)`,
    );
    if (inboxStats?.first_received && inboxStats.last_processed) {
      const span = (inboxStats.last_processed.getTime() - inboxStats.first_received.getTime()) / 1000;
      log(`first load delivery received → last delivery processed: ${fmt(span, 1)} s for ${storedMessages} messages = ${fmt(storedMessages / span, 1)} deliveries/s overall`);
    }
    log(`inbox rows: ${inboxStats?.done} done, ${inboxStats?.failed} failed, ${inboxStats?.pending} pending; cases registered: ${caseStats?.n} (expected ${storedMessages})`);
    for (const e of errorsByMessage) log(`  inbox error ×${e.n}: ${e.last_error.slice(0, 160)}`);
    log(
      `outbox (one reply card per /登记; Lark allows 5/s per chat, ${villageChats.length} village groups): ${outboxStats?.delivered} delivered, ${outboxStats?.pending} still pending, ${outboxStats?.failed} failed; fake Lark rate-limit refusals: ${fake.rateLimited}`,
    );
    const extra = children.reduce((s, c) => s + c.extraLines, 0);
    if (extra > 0) log(`(child processes printed ${extra} more log lines, not shown)`);

    if (scratch && (BREAKDOWN === '1' || (BREAKDOWN === 'auto' && !met))) {
      log('');
      log('## where the time goes (each step measured alone in this process; no load running)');
      const rows = await measureBreakdown({ databaseUrl: scratch.url, fake, identity, villages: VILLAGES.slice(0, villageChats.length), admin: ADMIN });
      printBreakdown(rows, log);
      log('(wall µs/op with 16 in flight = 1 / throughput; node CPU = this process; postgres CPU = all postgres processes.)');
      const cpuPerRequest = (r: LevelRow | undefined) => (r ? ((r.cpu.target / 100) * 1e6) / r.rps : Number.NaN);
      const topOf = (rows: LevelRow[]) => rows.reduce<LevelRow | undefined>((a, b) => (!a || b.rps > a.rps ? b : a), undefined);
      log(
        `server CPU per request at each target's best level: minimal ${fmt(cpuPerRequest(topOf(minimalRows)), 0)} µs` +
          (ackRows.length ? `, homewatch workers off ${fmt(cpuPerRequest(topOf(ackRows)), 0)} µs` : '') +
          `, homewatch full ${fmt(cpuPerRequest(topOf(fullRows)), 0)} µs (includes the inbox worker's share)`,
      );
    }
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => {});
    await fake?.close().catch(() => {});
    for (const d of databases) await d.drop().catch((e) => console.error('could not drop a benchmark database:', e));
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
