/**
 * Long-connection benchmark (prints figures; not a test).
 *
 * The same homewatch, once per transport, on a fresh real Postgres database each, with its
 * workers running and the fake Lark as the Open Platform:
 *   - webhook: signed, encrypted deliveries POSTed to /lark/events of a real HTTP server;
 *   - long connection: the SDK's WSClient connected to the fake's gateway, which pushes pbbp2
 *     event frames and waits for the ack frames.
 * An open-loop generator sends distinct group messages (`/帮助`, so each also gets a reply) at
 * a fixed rate and measures, per delivery, the time from sending to the ack (HTTP 200, or
 * the ack frame). Both acks mean the same thing: the delivery is stored in the inbox.
 *
 *   npm run bench:long-connection
 *
 * Environment (all optional): BENCH_RATE (events per second, default 50), BENCH_DURATION_MS
 * (10000), BENCH_WARMUP_MS (2000), BENCH_DATABASE_URL / BENCH_SERVER_URL / TEST_DATABASE_URL
 * (server to create the databases on; default postgres://postgres@127.0.0.1:5432/test).
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { openPostgres } from '../src/db/client';
import { createHomewatch, type Homewatch } from '../src/homewatch';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../tests/helpers/fake-lark-server';
import { buildMessageEvent, signedRequest } from '../tests/helpers/lark-delivery';
import { createBenchDatabase } from './lib/db';
import { fmt, percentile, sleep, sortedCopy, table, waitUntil } from './lib/stats';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 2000);
const VERIFICATION_TOKEN = 'bench-vt';
const ENCRYPT_KEY = 'bench-ek';
const CHAT = 'oc_bench_lc_unbound';

type Transport = 'webhook' | 'websocket';

interface Target {
  hw: Homewatch;
  fake: FakeLark;
  /** Prepares one delivery (signing and encrypting are Lark's work, not timed); the result sends it and resolves at its ack. */
  prepare(body: object): () => Promise<void>;
  close(): Promise<void>;
}

async function startTarget(transport: Transport): Promise<Target> {
  const fake = await startFakeLark({ recordCalls: false });
  const db = await createBenchDatabase('hw_bench_lc', { alwaysFresh: true });
  const database = openPostgres(db.url, { max: 10 });
  const config = loadConfig({
    LARK_APP_ID: FAKE_APP_ID,
    LARK_APP_SECRET: FAKE_APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: fake.url,
    LARK_CONNECTION: transport,
    HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    // The generator's messages all go to one chat: Lark's per-chat limit would only measure the outbox.
    HOMEWATCH_RATE_PER_CHAT: '100',
    HOMEWATCH_RATE_PER_APP: '1000',
  });
  const hw = await createHomewatch({ config, database, logger: pino({ level: 'warn' }), idleMs: 50 });
  await hw.start();
  const close = async () => {
    await hw.stop();
    await fake.close();
    await db.drop();
  };
  if (transport === 'websocket') {
    await fake.longConnection.waitForConnections(1);
    return {
      hw,
      fake,
      close,
      prepare: (body) => async () => {
        const ack = await fake.longConnection.push(body);
        if (ack.code !== 200) throw new Error(`ack code ${ack.code}`);
      },
    };
  }
  const server = serve({ fetch: hw.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lark/events`;
  return {
    hw,
    fake,
    close: async () => {
      server.close();
      await close();
    },
    prepare: (body) => {
      const req = signedRequest(body, { encryptKey: ENCRYPT_KEY });
      return async () => {
        const res = await fetch(url, { method: 'POST', body: req.rawBody, headers: req.headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      };
    },
  };
}

/** Fires one message every 1/RATE s for `ms`, each on its own; returns the ack latencies. */
async function runOpenLoop(target: Target, ms: number): Promise<{ latencies: number[]; sent: number; errors: number }> {
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let errors = 0;
  const start = performance.now();
  const intervalMs = 1000 / RATE;
  for (let i = 0; performance.now() - start < ms; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const event = buildMessageEvent({
      text: '@_user_1 /帮助',
      mentions: [{ key: '@_user_1', openId: target.fake.botOpenId, name: 'homewatch' }],
      chatId: CHAT,
      senderOpenId: `ou_bench_${i % 50}`,
      token: VERIFICATION_TOKEN,
    });
    target.fake.registerIncoming(event.event.message.message_id, CHAT);
    const send = target.prepare(event);
    const t0 = performance.now();
    inFlight.push(
      send().then(
        () => void latencies.push(performance.now() - t0),
        () => void (errors += 1),
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, sent: inFlight.length, errors };
}

async function measure(transport: Transport) {
  const target = await startTarget(transport);
  try {
    await runOpenLoop(target, WARMUP_MS);
    const run = await runOpenLoop(target, DURATION_MS);
    // Every delivery is processed and answered: the figures are of a bot doing its work.
    await waitUntil('replies delivered', async () => {
      const health = (await (await target.hw.app.request('/healthz')).json()) as { inbox: { pending: number }; outbox: { pending: number } };
      return health.inbox.pending === 0 && health.outbox.pending === 0;
    }, 120_000, 200);
    const sorted = sortedCopy(run.latencies);
    return { transport, sent: run.sent, errors: run.errors, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
  } finally {
    await target.close();
  }
}

async function main() {
  process.stdout.write(`ack latency at ${RATE} events/s for ${DURATION_MS} ms (after ${WARMUP_MS} ms warm-up), real Postgres, workers running\n\n`);
  const rows = [];
  for (const transport of ['webhook', 'websocket'] as const) rows.push(await measure(transport));
  process.stdout.write(
    `${table(
      ['transport', 'sent', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
      rows.map((r) => [r.transport === 'webhook' ? 'webhook (HTTP POST)' : 'long connection (WSClient)', r.sent, r.errors, fmt(r.p50), fmt(r.p99), fmt(r.max)]),
    )}\n`,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
