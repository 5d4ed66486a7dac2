/**
 * Outbox benchmark (prints figures; not a test): delivery rate against the fake Lark with a
 * configured limit. Goal: ≥ 95 % of the limit with no avoidable 429 (rate-limit refusal).
 *
 * The app is built in this process with createHomewatch on a fresh Postgres database, wired
 * to the fake Lark over HTTP, whose per-chat limiter is on (Lark's 5 messages/s per chat).
 * Messages are written with enqueueOutbound, then the outbox worker(s) start and the clock
 * runs until every message is delivered. Scenarios: many chats (the per-app limit binds),
 * a burst to one chat (the per-chat limit binds), each with one and with three app
 * instances on the same database (the limiter lives in Postgres, so it must hold across them).
 *
 *   npm run bench:outbox
 *
 * Environment (all optional): BENCH_RATE_PER_APP (50), BENCH_RATE_PER_CHAT (5),
 * BENCH_OUTBOX_MESSAGES (500), BENCH_OUTBOX_CHATS (100), BENCH_OUTBOX_BURST (100),
 * BENCH_OUTBOX_INSTANCES (3), BENCH_DATABASE_URL / BENCH_SERVER_URL / TEST_DATABASE_URL
 * (as for bench:webhook).
 */
import crypto from 'node:crypto';
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../src/config';
import { openPostgres } from '../src/db/client';
import { createHomewatch, type Homewatch } from '../src/homewatch';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../tests/helpers/fake-lark-server';
import { createBenchDatabase, type BenchDatabase } from './lib/db';
import { machineQuietness } from './lib/proc';
import { fmt, maxInWindow, percentile, sleep, sortedCopy, table } from './lib/stats';

const RATE_PER_APP = Number(process.env.BENCH_RATE_PER_APP ?? 50);
const RATE_PER_CHAT = Number(process.env.BENCH_RATE_PER_CHAT ?? 5);
const MESSAGES = Number(process.env.BENCH_OUTBOX_MESSAGES ?? 500);
const CHATS = Number(process.env.BENCH_OUTBOX_CHATS ?? 100);
const BURST = Number(process.env.BENCH_OUTBOX_BURST ?? 100);
const INSTANCES = Number(process.env.BENCH_OUTBOX_INSTANCES ?? 3);
const RATE_GOAL = 0.95;

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

interface Scenario {
  name: string;
  instances: number;
  chats: number;
  messages: number;
  /** The limit that binds: min(per app, chats × per chat). */
  limit: number;
  limitLabel: string;
}

interface Outcome extends Scenario {
  seconds: number;
  idealSeconds: number;
  delivered: number;
  failed: number;
  rate: number;
  rateLimited: number;
  retried: number;
  delayP50: number;
  delayP99: number;
  delayMax: number;
  maxPerSecondApp: number;
  maxPerSecondChat: number;
  perInstance: number[];
  timedOut: boolean;
}

async function main() {
  const databases: BenchDatabase[] = [];
  let fake: FakeLark | undefined;
  const running: Homewatch[] = [];
  try {
    log('# homewatch outbox benchmark');
    const quiet = await machineQuietness([]);
    log(
      `limits configured: HOMEWATCH_RATE_PER_APP=${RATE_PER_APP}/s, HOMEWATCH_RATE_PER_CHAT=${RATE_PER_CHAT}/s; fake Lark refuses (230020) beyond ${RATE_PER_CHAT} per chat in any sliding second` +
        `; machine: load average ${fmt(quiet.loadavg, 2)}, other processes using ${fmt(quiet.busyOtherPct, 0)} % CPU`,
    );
    const db = await createBenchDatabase('hw_bench_outbox');
    databases.push(db);
    fake = await startFakeLark();
    const config = loadConfig({
      DATABASE_URL: db.url,
      HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
      LARK_APP_ID: FAKE_APP_ID,
      LARK_APP_SECRET: FAKE_APP_SECRET,
      LARK_VERIFICATION_TOKEN: 'vt-bench-outbox',
      LARK_ENCRYPT_KEY: 'ek-bench-outbox',
      LARK_DOMAIN: fake.url,
      HOMEWATCH_RATE_PER_APP: String(RATE_PER_APP),
      HOMEWATCH_RATE_PER_CHAT: String(RATE_PER_CHAT),
      LOG_LEVEL: 'warn',
    });
    const logger = pino({ level: 'warn' }, pino.destination(2));
    const writer = openPostgres(db.url, { max: 2 });
    await writer.migrate();
    const sql = postgres(db.url, { max: 2, onnotice: () => {} });

    const scenarios: Scenario[] = [
      { name: `${MESSAGES} messages over ${CHATS} chats`, instances: 1, chats: CHATS, messages: MESSAGES, ...bindingLimit(CHATS) },
      { name: `burst of ${BURST} to one chat`, instances: 1, chats: 1, messages: BURST, ...bindingLimit(1) },
      { name: `${MESSAGES} messages over ${CHATS} chats`, instances: INSTANCES, chats: CHATS, messages: MESSAGES, ...bindingLimit(CHATS) },
      { name: `burst of ${BURST} to one chat`, instances: INSTANCES, chats: 1, messages: BURST, ...bindingLimit(1) },
    ];
    const outcomes: Outcome[] = [];

    for (const [index, s] of scenarios.entries()) {
      fake.reset();
      fake.limitPerChat(RATE_PER_CHAT);
      const prefix = `oc_bench_s${index + 1}_${crypto.randomBytes(3).toString('hex')}_`;
      // Instances are built first (migrations, tokens) so only delivery is timed.
      const hws = await Promise.all(Array.from({ length: s.instances }, () => createHomewatch({ config, logger })));
      running.push(...hws);
      await writer.db.transaction(async (tx) => {
        for (let k = 0; k < s.messages; k++) {
          const chat = `${prefix}${k % s.chats}`;
          await enqueueOutbound(tx, { kind: 'send', receiveIdType: 'chat_id', receiveId: chat, msgType: 'text', content: JSON.stringify({ text: `bench message ${k}` }) });
        }
      });
      const idealSeconds = (s.messages - 1) / s.limit;
      const timeoutMs = (idealSeconds * 3 + 60) * 1000;
      const t0 = Date.now();
      for (const hw of hws) hw.outbox!.start();
      let timedOut = false;
      for (;;) {
        const [row] = await sql<{ pending: number }[]>`select count(*)::int as pending from outbox where status = 'pending' and target like ${`${prefix}%`}`;
        if (row!.pending === 0) break;
        if (Date.now() - t0 > timeoutMs) {
          timedOut = true;
          break;
        }
        await sleep(50);
      }
      const perInstance = await Promise.all(hws.map(async (hw) => (await hw.metrics.messagesDelivered.get()).values.reduce((a, v) => a + v.value, 0)));
      await Promise.all(hws.map((hw) => hw.stop()));
      running.length = 0;

      const rows = await sql<{ status: string; attempts: number; created_at: Date; delivered_at: Date | null }[]>`
        select status, attempts, created_at, delivered_at from outbox where target like ${`${prefix}%`}`;
      const sent = fake.messages.filter((m) => m.receiveId.startsWith(prefix));
      const arrivals = sent.map((m) => m.createdAt);
      const lastArrival = Math.max(...arrivals);
      const seconds = (lastArrival - t0) / 1000;
      const delays = sortedCopy(rows.filter((r) => r.delivered_at).map((r) => (r.delivered_at!.getTime() - r.created_at.getTime()) / 1000));
      const byChat = new Map<string, number[]>();
      for (const m of sent) byChat.set(m.receiveId, [...(byChat.get(m.receiveId) ?? []), m.createdAt]);
      const delivered = rows.filter((r) => r.status === 'delivered').length;
      const outcome: Outcome = {
        ...s,
        seconds,
        idealSeconds,
        delivered,
        failed: rows.filter((r) => r.status === 'failed').length,
        rate: delivered / seconds,
        rateLimited: fake.rateLimited,
        retried: rows.filter((r) => r.attempts > 0).length,
        delayP50: percentile(delays, 50),
        delayP99: percentile(delays, 99),
        delayMax: delays.length ? delays[delays.length - 1]! : Number.NaN,
        maxPerSecondApp: maxInWindow(arrivals, 1000),
        maxPerSecondChat: Math.max(...[...byChat.values()].map((ts) => maxInWindow(ts, 1000))),
        perInstance,
        timedOut,
      };
      outcomes.push(outcome);
      log(
        `  ${s.name}, ${s.instances} instance${s.instances > 1 ? 's' : ''}: ${delivered}/${s.messages} delivered in ${fmt(seconds, 2)} s (ideal ${fmt(idealSeconds, 2)} s) = ${fmt(outcome.rate, 1)}/s` +
          ` = ${fmt((outcome.rate / s.limit) * 100, 1)} % of the ${s.limitLabel} limit; 429/230020 from the fake: ${fake.rateLimited}${timedOut ? '; TIMED OUT' : ''}`,
      );
    }
    await sql.end();
    await writer.close();

    log('');
    log('## results');
    log(
      table(
        ['scenario', 'inst', 'msgs', 'limit/s', 'time s', 'ideal s', 'delivered/s', '% of limit', '429s', 'retried', 'failed', 'delay p50 s', 'delay p99 s', 'max/1s app', 'max/1s chat', 'per instance'],
        outcomes.map((o) => [
          o.name,
          o.instances,
          o.messages,
          `${o.limit} (${o.limitLabel})`,
          fmt(o.seconds, 2),
          fmt(o.idealSeconds, 2),
          fmt(o.rate, 1),
          `${fmt((o.rate / o.limit) * 100, 1)}%`,
          o.rateLimited,
          o.retried,
          o.failed,
          fmt(o.delayP50, 2),
          fmt(o.delayP99, 2),
          o.maxPerSecondApp,
          o.maxPerSecondChat,
          o.perInstance.join('/'),
        ]),
      ),
    );
    log('(time: worker start → last message received by the fake; ideal = (messages − 1) / limit; delivered/s = delivered / time;');
    log(' 429s: refusals by the fake\'s per-chat limiter; retried: messages that needed more than one attempt; delay: enqueue → delivered;');
    log(' max/1s: most messages the fake received in any sliding second, app-wide and for the busiest chat; per instance: deliveries by each worker.)');
    log('');
    for (const o of outcomes) {
      const ok = !o.timedOut && o.failed === 0 && o.rate >= o.limit * RATE_GOAL && o.rateLimited === 0;
      log(
        `GOAL ${ok ? 'MET    ' : 'NOT MET'} ${o.name}, ${o.instances} instance(s): ${fmt((o.rate / o.limit) * 100, 1)} % of the limit (goal ≥ ${RATE_GOAL * 100} %), ${o.rateLimited} × 429 (goal 0)` +
          `, never above the limit in any second: ${o.maxPerSecondApp <= RATE_PER_APP && o.maxPerSecondChat <= RATE_PER_CHAT ? 'yes' : 'NO'}`,
      );
    }
  } finally {
    await Promise.all(running.map((hw) => hw.stop().catch(() => {})));
    await fake?.close().catch(() => {});
    for (const d of databases) await d.drop().catch((e) => console.error('could not drop the benchmark database:', e));
  }
}

function bindingLimit(chats: number): { limit: number; limitLabel: string } {
  const perChats = chats * RATE_PER_CHAT;
  return perChats < RATE_PER_APP ? { limit: perChats, limitLabel: 'per-chat' } : { limit: RATE_PER_APP, limitLabel: 'per-app' };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
