import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { outbox } from '../../src/db/schema';
import { LarkCallError } from '../../src/lark/client';
import { isOutageFailure } from '../../src/outbox/lark-outage';
import { OUTAGE_KEY } from '../../src/outbox/outage.repository';
import { enqueueOutbound } from '../../src/outbox/outbox.repository';
import type { Homewatch } from '../../src/homewatch';
import { startTestApp, type TestApp } from '../helpers/test-app';

const CHATS = ['oc_out_a', 'oc_out_b', 'oc_out_c'];
const sendText = (chat: string, text: string) =>
  ({ kind: 'send', receiveIdType: 'chat_id', receiveId: chat, msgType: 'text', content: JSON.stringify({ text }) }) as const;

describe('recovery after a Lark outage (simulated time)', () => {
  let t: TestApp;
  let down = false;
  const sendCalls = () => t.fake.calls.filter((c) => c.path.startsWith('/open-apis/im/v1/messages')).length;
  const textsIn = (chat: string) => t.fake.messages.filter((m) => m.chatId === chat).map((m) => (m.parsedContent as { text: string }).text);
  const enqueue = (n: number, from: number) =>
    t.db.db.transaction(async (tx) => {
      for (let i = from; i < from + n; i++) await enqueueOutbound(tx, sendText(CHATS[i % CHATS.length]!, `m${i}`));
    });
  /** One simulated second: the clock moves, then every instance works off what is due. */
  const tick = async (instances: Homewatch[]) => {
    t.clock.now = new Date(t.clock.now.getTime() + 1000);
    for (let more = true; more; ) {
      more = false;
      for (const hw of instances) if ((await hw.outbox!.drainOnce()) > 0) more = true;
    }
  };
  const pending = async () => (await t.db.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'))).length;

  beforeAll(async () => {
    t = await startTestApp();
    // Lark's gateway fails every call, the token endpoint included (the token is already cached).
    t.fake.failWhile(() => (down ? { status: 503, body: { code: 503, msg: 'service unavailable' } } : null));
  });
  afterAll(() => t.close());
  beforeEach(() => {
    down = false;
    t.fake.calls.length = 0;
    t.fake.messages.length = 0;
  });

  it('probes at a fixed interval during a 60 s outage and delivers the whole backlog within 10 s of Lark answering, in order, once', async () => {
    down = true;
    const outageStart = t.clock.now.getTime();
    await enqueue(15, 0);
    const callsAt: number[] = [];
    for (let s = 1; s <= 60; s++) {
      if (s === 20 || s === 40) await enqueue(15, s === 20 ? 15 : 30);
      const before = sendCalls();
      await tick([t.hw]);
      for (let i = before; i < sendCalls(); i++) callsAt.push(s);
    }
    expect(t.fake.messages).toHaveLength(0);
    // Held messages back off exponentially: left alone, some would wait far beyond 10 s more.
    const [held] = await t.db.db
      .select({ latest: sql<string>`max(${outbox.nextAttemptAt})` })
      .from(outbox)
      .where(eq(outbox.status, 'pending'));
    expect(new Date(held!.latest).getTime() - t.clock.now.getTime()).toBeGreaterThan(10_000);
    // Once the outage is noticed, one probe every 2 s and nothing else.
    const late = callsAt.filter((s) => s > 10);
    expect(late.length).toBeGreaterThanOrEqual(20);
    expect(late.length).toBeLessThanOrEqual(26);
    expect(new Set(late).size).toBe(late.length);

    down = false;
    const back = t.clock.now.getTime();
    while ((await pending()) > 0 && t.clock.now.getTime() - back < 60_000) await tick([t.hw]);
    const recoverySeconds = (t.clock.now.getTime() - back) / 1000;
    expect(recoverySeconds).toBeLessThanOrEqual(10);
    expect(t.clock.now.getTime() - outageStart).toBeGreaterThanOrEqual(60_000);

    expect(t.fake.messages).toHaveLength(45);
    for (const [c, chat] of CHATS.entries()) {
      expect(textsIn(chat)).toEqual(Array.from({ length: 15 }, (_, k) => `m${k * CHATS.length + c}`));
    }
    const [state] = rowsOf<{ n: number }>(await t.db.db.execute(sql`select count(*)::int as n from rate_limits where key = ${OUTAGE_KEY}`));
    expect(state!.n).toBe(0);
  });

  it('two instances share the outage: they probe in turn, and one seeing Lark answer releases both', async () => {
    const first = t.hw;
    await t.restart();
    const instances = [first, t.hw];
    down = true;
    await enqueue(12, 100);
    const callsAt: number[] = [];
    for (let s = 1; s <= 30; s++) {
      const before = sendCalls();
      await tick(instances);
      for (let i = before; i < sendCalls(); i++) callsAt.push(s);
    }
    expect(instances.every((hw) => hw.outbox!.isLarkDown())).toBe(true);
    // Both believe Lark is down, yet together they send one probe per interval.
    const late = callsAt.filter((s) => s > 15);
    expect(late.length).toBeLessThanOrEqual(8);
    expect(new Set(late).size).toBe(late.length);

    down = false;
    const back = t.clock.now.getTime();
    while ((await pending()) > 0 && t.clock.now.getTime() - back < 60_000) await tick(instances);
    expect((t.clock.now.getTime() - back) / 1000).toBeLessThanOrEqual(10);
    expect(instances.every((hw) => !hw.outbox!.isLarkDown())).toBe(true);
    expect(t.fake.messages).toHaveLength(12);
    expect(new Set(t.fake.messages.map((m) => m.uuid)).size).toBe(12);
  });
});

describe('which failures mean Lark is down', () => {
  it('5xx, refused or reset connections and timeouts do; a 429, a Lark code or a refusal do not', () => {
    expect(isOutageFailure(new LarkCallError('retryable', undefined, 503, 'gateway'))).toBe(true);
    expect(isOutageFailure(new LarkCallError('retryable', undefined, undefined, 'network: ECONNRESET'))).toBe(true);
    expect(isOutageFailure(new LarkCallError('retryable', undefined, 429, 'too many'))).toBe(false);
    expect(isOutageFailure(new LarkCallError('retryable', 99991663, undefined, 'token'))).toBe(false);
    expect(isOutageFailure(new LarkCallError('permanent', 230002, 400, 'bot not in chat'))).toBe(false);
  });
});
