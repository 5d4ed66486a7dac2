/**
 * Outage recovery benchmark (prints figures; not a test): how long after Lark answers again
 * the replies queued during an outage reach it. Goal (issue 16): all within 10 s after 60 s.
 *
 * A real homewatch process (fresh Postgres database) talks to the fake Lark through a
 * switchable relay. The relay cuts connections for the first half of the outage and answers
 * 503 for the second; `/帮助` deliveries arrive throughout, each owed one reply.
 *
 *   npm run bench:outage
 *
 * Environment (all optional): BENCH_OUTAGE_SECONDS (60), BENCH_OUTAGE_MESSAGES (100),
 * BENCH_SERVER_URL / TEST_DATABASE_URL (the Postgres server to create the database on).
 */
import crypto from 'node:crypto';
import { FAKE_APP_ID, FAKE_APP_SECRET, startFakeLark, startOutageSwitch } from '../tests/helpers/fake-lark-server';
import { startServerProcess } from '../tests/helpers/server-process';
import { ENCRYPT_KEY, helpDelivery, post, repliesPerMessage, VERIFICATION_TOKEN } from '../tests/faults/fault-env';
import { createBenchDatabase } from './lib/db';
import { fmt, percentile, sleep, sortedCopy, waitUntil } from './lib/stats';

const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_SECONDS ?? 60) * 1000;
const MESSAGES = Number(process.env.BENCH_OUTAGE_MESSAGES ?? 100);

async function main() {
  const db = await createBenchDatabase('bench_outage', { alwaysFresh: true });
  const fake = await startFakeLark();
  const lark = await startOutageSwitch(fake);
  const server = await startServerProcess({
    DATABASE_URL: db.url,
    HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    LARK_APP_ID: FAKE_APP_ID,
    LARK_APP_SECRET: FAKE_APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: lark.url,
  });
  try {
    const warm = helpDelivery(fake, 'warm');
    await post(server.url, warm.request());
    await waitUntil('the reply before the outage', () => repliesPerMessage(fake).has(warm.messageId), 30_000);

    const deliveries = Array.from({ length: MESSAGES }, (_, i) => helpDelivery(fake, `bench${i}`));
    lark.set('network');
    const started = Date.now();
    const sending = deliveries.map(async (d, i) => {
      await sleep((i * (OUTAGE_MS - 5000)) / MESSAGES);
      await post(server.url, d.request());
    });
    await sleep(OUTAGE_MS / 2);
    lark.set('5xx');
    await sleep(Math.max(0, started + OUTAGE_MS - Date.now()));
    await Promise.all(sending);
    // The relay answers 503 itself, so the fake sees no call while it is down; count the relay's answers instead.
    const during = lark.refused;
    lark.set(null);
    const back = Date.now();
    await waitUntil('every reply after the outage', () => deliveries.every((d) => repliesPerMessage(fake).has(d.messageId)), 120_000);
    const delays = sortedCopy(deliveries.map((d) => fake.messages.find((m) => m.replyTo === d.messageId)!.createdAt - back));
    const doubles = [...repliesPerMessage(fake).values()].filter((n) => n !== 1).length;

    const line = (s: string) => process.stdout.write(`${s}\n`);
    line('# homewatch outage recovery benchmark');
    line(`outage: ${OUTAGE_MS / 1000} s (first half connections reset, second half 503); ${MESSAGES} replies owed, queued during it`);
    line(`Lark calls refused during the outage: ${during} (${fmt(during / (OUTAGE_MS / 1000), 2)}/s)`);
    line(`after Lark answered again: first reply ${fmt(delays[0]! / 1000, 2)} s, median ${fmt(percentile(delays, 50) / 1000, 2)} s, p99 ${fmt(percentile(delays, 99) / 1000, 2)} s, last ${fmt(delays.at(-1)! / 1000, 2)} s (goal ≤ 10 s)`);
    line(`replies sent twice: ${doubles}`);
  } finally {
    await server.stop();
    await lark.close();
    await fake.close();
    await db.drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
