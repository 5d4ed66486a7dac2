import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OutageSwitch, startOutageSwitch } from '../helpers/fake-lark-server';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';
import { createFaultEnv, type FaultEnv, helpDelivery, post, repliesPerMessage } from './fault-env';

// The scenario is a 60 s outage; shorter ones (OUTAGE_SECONDS) are for trying things out.
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 60) * 1000;
const DELIVERIES = 40;
const GOAL_MS = 10_000;

describe('a Lark outage', () => {
  let f: FaultEnv;
  let lark: OutageSwitch;
  let server: ServerProcess;
  beforeAll(async () => {
    f = await createFaultEnv();
    lark = await startOutageSwitch(f.fake);
    server = await startServerProcess(f.env({ LARK_DOMAIN: lark.url }));
  });
  afterAll(async () => {
    await server?.stop();
    await lark?.close();
    await f?.close();
  });

  it(`after ${OUTAGE_MS / 1000} s of resets and 503s, every reply queued meanwhile is sent within 10 s of Lark answering, once`, async () => {
    const warm = helpDelivery(f.fake, 'outage-warm');
    expect(await post(server.url, warm.request())).toBe(200);
    await waitUntil(() => repliesPerMessage(f.fake).has(warm.messageId), 20_000, 'the reply before the outage');

    // First no connection at all, then Lark's gateway answering 503: both are an outage.
    lark.set('network');
    const started = Date.now();
    const at = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, started + ms - Date.now())));
    const deliveries = Array.from({ length: DELIVERIES }, (_, i) => helpDelivery(f.fake, `outage${i}`));
    const sending = deliveries.map(async (d, i) => {
      await at((i * (OUTAGE_MS - 5000)) / DELIVERIES);
      expect(await post(server.url, d.request())).toBe(200);
    });
    await at(OUTAGE_MS / 2);
    lark.set('5xx');
    await at(OUTAGE_MS);
    await Promise.all(sending);
    expect(deliveries.some((d) => repliesPerMessage(f.fake).has(d.messageId))).toBe(false);

    lark.set(null);
    const back = Date.now();
    await waitUntil(() => deliveries.every((d) => repliesPerMessage(f.fake).has(d.messageId)), 60_000, 'every reply after the outage');
    const created = deliveries.map((d) => f.fake.messages.find((m) => m.replyTo === d.messageId)!.createdAt);
    const lastMs = Math.max(...created) - back;
    console.log(`lark outage of ${OUTAGE_MS / 1000} s: ${DELIVERIES} replies queued during it, the last delivered ${(lastMs / 1000).toFixed(1)} s after Lark answered again (goal ≤ ${GOAL_MS / 1000} s)`);
    expect(lastMs).toBeLessThanOrEqual(GOAL_MS);

    await new Promise((r) => setTimeout(r, 1500));
    const counts = repliesPerMessage(f.fake);
    for (const d of deliveries) expect(counts.get(d.messageId)).toBe(1);
    expect(server.output()).toContain('Lark is not answering');
  });
});
