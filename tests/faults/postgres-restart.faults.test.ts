import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../helpers/fake-lark-server';
import { type OwnPostgres, startOwnPostgres } from '../helpers/own-postgres';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';
import { ENCRYPT_KEY, helpDelivery, post, repliesPerMessage, VERIFICATION_TOKEN } from './fault-env';

describe('Postgres restarts under load', () => {
  let pg: OwnPostgres;
  let fake: FakeLark;
  let server: ServerProcess;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    fake = await startFakeLark();
    server = await startServerProcess({
      DATABASE_URL: pg.url,
      HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
      LARK_APP_ID: FAKE_APP_ID,
      LARK_APP_SECRET: FAKE_APP_SECRET,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: fake.url,
    });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.close();
    pg?.stop();
  });

  it('recovers by itself: every delivery is accepted (after Lark-style retries) and answered once', async () => {
    const deliveries = Array.from({ length: 120 }, (_, i) => helpDelivery(fake, `pg${i}`));
    let restarted = false;
    const refusedOnce = new Set<string>();
    // Lark re-pushes a delivery that did not get a 200; do the same, every 300 ms, for each.
    const sendAll = deliveries.map(async (d, i) => {
      await new Promise((r) => setTimeout(r, i * 25));
      for (;;) {
        if ((await post(server.url, d.request())) === 200) return;
        refusedOnce.add(d.messageId);
        await new Promise((r) => setTimeout(r, 300));
      }
    });
    await new Promise((r) => setTimeout(r, 1000));
    await pg.restart(1500);
    restarted = true;
    await Promise.all(sendAll);
    expect(restarted).toBe(true);

    await waitUntil(() => repliesPerMessage(fake).size === deliveries.length, 90_000, 'every reply after the restart');
    await new Promise((r) => setTimeout(r, 1500));
    const counts = repliesPerMessage(fake);
    for (const d of deliveries) expect(counts.get(d.messageId)).toBe(1);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    // Deliveries arriving while Postgres was down were refused and re-pushed, yet nothing was lost.
    expect(refusedOnce.size).toBeGreaterThan(0);
  });
});
