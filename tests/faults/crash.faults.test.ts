import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, waitUntil } from '../helpers/server-process';
import { createFaultEnv, type FaultEnv, helpDelivery, post, repliesPerMessage } from './fault-env';

describe('SIGKILL at the worst moments', () => {
  let f: FaultEnv;
  beforeAll(async () => {
    f = await createFaultEnv();
  });
  afterAll(() => f.close());

  it('between the inbox write and processing: processed once after restart', async () => {
    const sql = postgres(f.db.url!, { max: 1 });
    // Processing a command reads role_grants: holding this lock freezes the worker mid-transaction.
    const blocker = sql.begin(async (tx) => {
      await tx`lock table role_grants in access exclusive mode`;
      const first = await startServerProcess(f.env());
      const d = helpDelivery(f.fake, 'kill1');
      expect(await post(first.url, d.request())).toBe(200);
      await new Promise((r) => setTimeout(r, 500));
      await first.kill();
      return d;
    });
    const d = await blocker;
    await sql.end();
    expect(f.fake.messages.filter((m) => m.replyTo === d.messageId)).toHaveLength(0);

    const second = await startServerProcess(f.env());
    await waitUntil(() => f.fake.messages.some((m) => m.replyTo === d.messageId), 20_000, 'the reply after restart');
    await new Promise((r) => setTimeout(r, 1500));
    await second.stop();
    expect(repliesPerMessage(f.fake).get(d.messageId)).toBe(1);
  });

  it('between the outbox write and delivery, and during the send itself: delivered once', async () => {
    // Lark carries out the reply but the answer never comes back, and the process dies.
    f.fake.hangAfterHandling((req) => req.path.endsWith('/reply'));
    const env = f.env({ HOMEWATCH_OUTBOX_LEASE_SECONDS: '2' });
    const first = await startServerProcess(env);
    const d = helpDelivery(f.fake, 'kill2');
    expect(await post(first.url, d.request())).toBe(200);
    await waitUntil(() => f.fake.calls.some((c) => c.path.endsWith('/reply')), 20_000, 'the reply call');
    await first.kill();
    f.fake.hangAfterHandling(null);

    const second = await startServerProcess(env);
    await waitUntil(async () => {
      const health = (await (await fetch(`${second.url}/healthz`)).json()) as { outbox: { pending: number } };
      return health.outbox.pending === 0;
    }, 30_000, 'the outbox to drain');
    await second.stop();
    expect(f.fake.calls.filter((c) => c.path.endsWith('/reply')).length).toBeGreaterThanOrEqual(2);
    expect(repliesPerMessage(f.fake).get(d.messageId)).toBe(1);
  });

  it('stops on SIGTERM with exit code 0 without working off a backlog first; the next start does', async () => {
    const first = await startServerProcess(f.env());
    const deliveries = Array.from({ length: 600 }, (_, i) => helpDelivery(f.fake, `term${i}`));
    for (let i = 0; i < deliveries.length; i += 50) {
      const statuses = await Promise.all(deliveries.slice(i, i + 50).map((d) => post(first.url, d.request())));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    expect(await first.stop()).toBe(0);
    const sql = postgres(f.db.url!, { max: 1 });
    const [left] = await sql<{ n: number }[]>`select count(*)::int as n from inbox where status = 'pending'`;
    await sql.end();
    expect(left!.n).toBeGreaterThan(0);

    const second = await startServerProcess(f.env());
    const ids = new Set(deliveries.map((d) => d.messageId));
    const answered = () => [...repliesPerMessage(f.fake).keys()].filter((id) => ids.has(id)).length;
    await waitUntil(() => answered() === deliveries.length, 60_000, 'every reply after the restart');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await second.stop()).toBe(0);
    const counts = repliesPerMessage(f.fake);
    for (const d of deliveries) expect(counts.get(d.messageId)).toBe(1);
  });
});
