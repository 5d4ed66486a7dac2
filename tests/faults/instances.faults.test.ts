import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';
import { createFaultEnv, type FaultEnv, helpDelivery, post, repliesPerMessage } from './fault-env';

const DELIVERIES = 1000;

describe('three instances sharing one Postgres', () => {
  let f: FaultEnv;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    f = await createFaultEnv();
    const env = f.env({ HOMEWATCH_RATE_PER_APP: '1000', HOMEWATCH_RATE_PER_CHAT: '50' });
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess(env)));
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await f.close();
  });

  it(`process ${DELIVERIES} deliveries (and redeliveries to other instances) with each reply sent exactly once`, async () => {
    const deliveries = Array.from({ length: DELIVERIES }, (_, i) => helpDelivery(f.fake, `u${i % 200}_${i}`));
    // Each delivery goes to one instance; every tenth is also redelivered to another, as Lark does after a timeout.
    const sends = deliveries.flatMap((d, i) => [
      { d, to: servers[i % 3]! },
      ...(i % 10 === 0 ? [{ d, to: servers[(i + 1) % 3]! }] : []),
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < sends.length; i += 50) {
      statuses.push(...(await Promise.all(sends.slice(i, i + 50).map(({ d, to }) => post(to.url, d.request())))));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    await waitUntil(() => repliesPerMessage(f.fake).size === DELIVERIES, 120_000, 'every reply');
    // Give the instances time to (wrongly) send anything twice.
    await new Promise((r) => setTimeout(r, 2000));
    const counts = repliesPerMessage(f.fake);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    for (const d of deliveries) expect(counts.get(d.messageId)).toBe(1);

    const sql = postgres(f.db.url!, { max: 1 });
    const [inbox] = await sql`select count(*)::int as n, count(*) filter (where status = 'done')::int as done from inbox`;
    const [outbox] = await sql`select count(*)::int as n, count(*) filter (where status = 'delivered')::int as delivered from outbox`;
    await sql.end();
    expect(inbox).toEqual({ n: DELIVERIES, done: DELIVERIES });
    expect(outbox).toEqual({ n: DELIVERIES, delivered: DELIVERIES });
  });
});
