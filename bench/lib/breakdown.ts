import crypto from 'node:crypto';
import { sql as dsql } from 'drizzle-orm';
import { Hono } from 'hono';
import pino from 'pino';
import postgres from 'postgres';
import { loadConfig } from '../../src/config';
import { openPostgres } from '../../src/db/client';
import { createHomewatch } from '../../src/homewatch';
import { createDeliveryBatcher } from '../../src/inbox/delivery-batcher';
import { checkDelivery } from '../../src/lark/webhook/delivery';
import { EnvelopeV2Schema, MessageEventSchema } from '../../src/lark/events';
import { decryptLarkPayload, verifyLarkSignature } from '../../src/lark/webhook/verify';
import { createDataCipher } from '../../src/shared/data-cipher';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark } from '../../tests/helpers/fake-lark-server';
import { createDeliveryFactory, type DeliveryIdentity } from './deliveries';
import type { PreparedRequest } from './load';
import { sampleCpu } from './proc';
import { fmt, table } from './stats';

/**
 * Where the time of one acknowledged delivery goes: each step of the receive path measured
 * on its own in this process (one at a time, and 16 in flight where the database is
 * involved), the whole app without HTTP, and the inbox worker's processing of a `/登记`.
 * Node CPU is this process's; Postgres CPU is all postgres processes on the machine.
 */
export interface BreakdownRow {
  step: string;
  ops: number;
  wallUs: number;
  nodeCpuUs: number;
  pgCpuUs: number;
}

async function measure(step: string, ops: number, concurrency: number, fn: (i: number) => unknown): Promise<BreakdownRow> {
  const a = sampleCpu(null);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= ops) return;
      await fn(i);
    }
  };
  if (concurrency === 1) {
    // Synchronous steps stay synchronous: no promise per op inflating the figure.
    for (let i = 0; i < ops; i++) {
      const r = fn(i);
      if (r instanceof Promise) await r;
    }
  } else {
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const b = sampleCpu(null);
  const wallUs = ((b.at - a.at) * 1000) / ops;
  const tickUs = 10_000; // one USER_HZ tick
  return { step, ops, wallUs, nodeCpuUs: ((b.self - a.self) * tickUs) / ops, pgCpuUs: ((b.postgres - a.postgres) * tickUs) / ops };
}

function lowerHeaders(r: PreparedRequest): Record<string, string> {
  return Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
}

export async function measureBreakdown(input: {
  databaseUrl: string;
  fake: FakeLark;
  identity: DeliveryIdentity;
  villages: string[];
  admin: string;
  ops?: number;
}): Promise<BreakdownRow[]> {
  const N = input.ops ?? 3000;
  const { identity } = input;
  const encryptKey = identity.encryptKey;
  const rows: BreakdownRow[] = [];
  const factory = createDeliveryFactory(identity, { cardShare: 0, cadresPerVillage: 20 });
  const build = (n: number) => Array.from({ length: n }, () => factory.make());

  // ---- pure CPU steps of the receive path ----
  const reqs = build(N);
  const raw = reqs.map((r) => ({ rawBody: r.body.toString('utf8'), headers: lowerHeaders(r) }));
  const now = () => new Date();
  for (let round = 0; round < 2; round++) {
    // the first round warms up the JIT; only the second is kept
    const keep = round === 1;
    const push = (r: BreakdownRow) => keep && rows.push(r);
    push(await measure('verify signature (sha256 over raw body)', N, 1, (i) => verifyLarkSignature({ ...raw[i]!, encryptKey, now: now() })));
    const encrypted = raw.map((r) => (JSON.parse(r.rawBody) as { encrypt: string }).encrypt);
    push(await measure('decrypt (AES-256-CBC)', N, 1, (i) => decryptLarkPayload(encrypted[i]!, encryptKey)));
    const plains = encrypted.map((e) => decryptLarkPayload(e, encryptKey));
    push(await measure('JSON.parse outer + inner', N, 1, (i) => [JSON.parse(raw[i]!.rawBody), JSON.parse(plains[i]!)]));
    push(
      await measure('checkDelivery (all of the above + token)', N, 1, (i) =>
        checkDelivery({ ...raw[i]!, secrets: { verificationToken: identity.verificationToken, encryptKey }, now: now(), allowLegacyCard: false }),
      ),
    );
    const bodies = plains.map((p) => JSON.parse(p) as Record<string, unknown>);
    push(
      await measure('zod: EnvelopeV2Schema + MessageEventSchema', N, 1, (i) => {
        const env = EnvelopeV2Schema.parse(bodies[i]);
        return MessageEventSchema.parse(env.event);
      }),
    );
    const cipher = createDataCipher(crypto.randomBytes(32).toString('base64'));
    const events = bodies.map((b) => MessageEventSchema.parse((b as { event: unknown }).event));
    push(await measure('JSON.stringify + AES-256-GCM seal of the payload', N, 1, (i) => cipher.encrypt(JSON.stringify(events[i]))));
  }

  // ---- the inbox insert ----
  const handle = openPostgres(input.databaseUrl, { max: 10 });
  await handle.migrate();
  const sql = postgres(input.databaseUrl, { max: 10, onnotice: () => {} });
  const payload = createDataCipher(crypto.randomBytes(32).toString('base64')).encrypt(JSON.stringify({ x: 'y'.repeat(600) }));
  const tag = crypto.randomBytes(4).toString('hex');
  const row = (p: string, i: number) => ({ eventId: `ev_${tag}_${p}_${i}`, messageId: `om_${tag}_${p}_${i}`, eventType: 'bench.breakdown', payloadEnc: payload });
  const storeDelivery = createDeliveryBatcher(handle.db);
  // warm-up of both clients
  await measure('warm-up', 200, 4, (i) => storeDelivery(row('w', i)));
  const rawInsert = (p: string, i: number) => {
    const r = row(p, i);
    return sql`insert into inbox (event_id, message_id, event_type, payload_enc) values (${r.eventId}, ${r.messageId}, ${r.eventType}, ${r.payloadEnc}) on conflict do nothing returning id`;
  };
  await measure('warm-up', 200, 4, (i) => rawInsert('wr', i));
  rows.push(await measure('inbox insert, batcher, 1 at a time', N, 1, (i) => storeDelivery(row('s1', i))));
  rows.push(await measure('inbox insert, raw postgres.js, 1 at a time', N, 1, (i) => rawInsert('r1', i)));
  rows.push(await measure('inbox insert, batcher, 16 in flight (group commit)', N, 16, (i) => storeDelivery(row('s16', i))));
  rows.push(await measure('inbox insert, raw postgres.js, 16 in flight (pool 10)', N, 16, (i) => rawInsert('r16', i)));
  // drizzle runs every query through postgres.js `unsafe(…, { prepare: false })`; with parameters
  // postgres.js then describes the statement first (Parse/Describe/Sync, wait, Bind/Execute/Sync):
  // two round trips where a prepared statement needs one.
  rows.push(await measure('select $1: postgres.js tagged template (prepared, 1 round trip)', N, 1, (i) => sql`select ${i}::int as n`));
  rows.push(await measure('select $1: postgres.js unsafe prepare:false (as drizzle sends it)', N, 1, (i) => sql.unsafe('select $1::int as n', [i], { prepare: false })));
  rows.push(await measure('select $1: drizzle db.execute', N, 1, (i) => handle.db.execute(dsql`select ${i}::int as n`)));
  const BATCH = 16;
  rows.push(
    await measure(`inbox insert, raw postgres.js, ${BATCH} rows per statement (per row)`, N / BATCH, 1, async (i) => {
      const batchRows = Array.from({ length: BATCH }, (_, k) => {
        const r = row('b', i * BATCH + k);
        return { event_id: r.eventId, message_id: r.messageId, event_type: r.eventType, payload_enc: r.payloadEnc };
      });
      await sql`insert into inbox ${sql(batchRows)} on conflict do nothing returning id`;
    }).then((r) => ({ ...r, ops: N, wallUs: r.wallUs / BATCH, nodeCpuUs: r.nodeCpuUs / BATCH, pgCpuUs: r.pgCpuUs / BATCH })),
  );
  await sql`delete from inbox where event_type = 'bench.breakdown'`;
  await sql.end();
  await handle.close();

  // ---- whole apps in process (no HTTP server, no sockets): homewatch with workers stopped vs the minimal handler ----
  const config = loadConfig({
    DATABASE_URL: input.databaseUrl,
    HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64'),
    LARK_APP_ID: FAKE_APP_ID,
    LARK_APP_SECRET: FAKE_APP_SECRET,
    LARK_VERIFICATION_TOKEN: identity.verificationToken,
    LARK_ENCRYPT_KEY: encryptKey,
    LARK_DOMAIN: input.fake.url,
    HOMEWATCH_ADMINS: input.admin,
    HOMEWATCH_SENDER_BURST: '1000000',
  });
  const hw = await createHomewatch({ config, logger: pino({ level: 'silent' }) });
  await hw.ready();
  const request = (app: { request: Hono['request'] }, r: PreparedRequest) =>
    Promise.resolve(app.request(r.path, { method: 'POST', body: r.body, headers: r.headers })).then((res) => {
      if (res.status !== 200) throw new Error(`in-process request answered ${res.status}`);
      return res.arrayBuffer();
    });
  const minimal = new Hono();
  minimal.post('/lark/events', async (c) => {
    const rawBody = await c.req.text();
    const headers = {
      'x-lark-request-timestamp': c.req.header('x-lark-request-timestamp'),
      'x-lark-request-nonce': c.req.header('x-lark-request-nonce'),
      'x-lark-signature': c.req.header('x-lark-signature'),
    };
    if (!verifyLarkSignature({ headers, rawBody, encryptKey, now: new Date() }).ok) return c.json({}, 401);
    JSON.parse(decryptLarkPayload((JSON.parse(rawBody) as { encrypt: string }).encrypt, encryptKey));
    return c.json({});
  });
  const strip = (r: PreparedRequest): PreparedRequest => {
    const { Host: _h, Connection: _c, 'Content-Length': _l, ...headers } = r.headers;
    return { ...r, headers };
  };
  let batch = build(500).map(strip);
  await measure('warm-up', batch.length, 16, (i) => request(minimal, batch[i]!));
  batch = build(N).map(strip);
  rows.push(await measure('minimal handler via app.request (no HTTP), 16 in flight', N, 16, (i) => request(minimal, batch[i]!)));
  batch = build(500).map(strip);
  await measure('warm-up', batch.length, 16, (i) => request(hw.app, batch[i]!));
  batch = build(N).map(strip);
  rows.push(await measure('homewatch app via app.request (no HTTP, workers stopped), 16 in flight', N, 16, (i) => request(hw.app, batch[i]!)));

  // ---- the inbox worker: one /登记 per transaction ----
  // The requests above were /登记 in groups not bound yet: drop them, seed, then store fresh ones.
  const admin = postgres(input.databaseUrl, { max: 1, onnotice: () => {} });
  await admin`delete from inbox where status = 'pending'`;
  await admin.end();
  const seedFactory = createDeliveryFactory(identity, { cardShare: 0, cadresPerVillage: 1 });
  const seeds = [
    seedFactory.command(`/村 添加 ${input.villages.join(',')}`, { from: input.admin, chatId: 'oc_breakdown_admin', p2p: true }),
    ...identity.villageChats.map((chatId, i) => seedFactory.command(`/绑定 ${input.villages[i]!}`, { from: input.admin, chatId })),
  ];
  for (const s of seeds) {
    await request(hw.app, strip(s));
    await hw.inbox.drain();
  }
  batch = build(1000).map(strip);
  for (const r of batch) await request(hw.app, r);
  let processed = 0;
  const drained = await measure('inbox worker: process /登记 deliveries, one transaction each (sequential)', 1, 1, async () => {
    processed = await hw.inbox.drain();
  });
  rows.push({ ...drained, ops: processed, wallUs: drained.wallUs / processed, nodeCpuUs: drained.nodeCpuUs / processed, pgCpuUs: drained.pgCpuUs / processed });
  await hw.stop();
  return rows;
}

export function printBreakdown(rows: BreakdownRow[], log: (s: string) => void) {
  log(
    table(
      ['step', 'ops', 'wall µs/op', 'node CPU µs/op', 'postgres CPU µs/op'],
      rows.map((r) => [r.step, r.ops, fmt(r.wallUs, 1), fmt(r.nodeCpuUs, 1), fmt(r.pgCpuUs, 1)]),
    ),
  );
}
