import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCard, plainText } from '../../src/cards/card';
import { outbox } from '../../src/db/schema';
import { enqueueOutbound } from '../../src/outbox/outbox.repository';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const HQ = 'oc_hq';
const VILLAGE = 'oc_village';

const text = (t: string) => JSON.stringify({ text: t });
const versionCard = (v: number) => buildCard({ title: `v${v}`, color: 'blue', elements: [plainText(`version ${v}`)] });
const sendText = (chat: string, t: string) =>
  ({ kind: 'send', receiveIdType: 'chat_id', receiveId: chat, msgType: 'text', content: text(t) }) as const;

describe('outbox delivery under Lark failures (simulated time)', () => {
  let t: TestApp;
  const advance = async (seconds: number, step = 5) => {
    for (let s = 0; s < seconds; s += step) {
      t.clock.now = new Date(t.clock.now.getTime() + step * 1000);
      await t.settle();
    }
  };
  const textsIn = (chat: string) => t.fake.messages.filter((m) => m.chatId === chat || m.receiveId === chat).map((m) => (m.parsedContent as { text?: string }).text);

  beforeAll(async () => {
    t = await startTestApp();
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/绑定 东风村', { from: ADMIN, chatId: VILLAGE });
  });
  afterAll(() => t.close());
  beforeEach(() => t.fake.reset());

  it('delivers every message exactly once after Lark answered 500 for 60 seconds', async () => {
    const end = t.clock.now.getTime() + 60_000;
    t.fake.failWhile((req) => (req.path.startsWith('/open-apis/im/v1/messages') && t.clock.now.getTime() < end ? { status: 500, body: { code: 1, msg: 'internal' } } : null));
    await t.db.db.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) await enqueueOutbound(tx, sendText(i % 2 ? HQ : VILLAGE, `m${i}`));
    });
    await t.settle();
    expect(t.fake.messages).toHaveLength(0);
    await advance(60);
    await advance(600, 30);
    const sent = t.fake.messages.map((m) => (m.parsedContent as { text: string }).text).sort();
    expect(sent).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`).sort());
    expect(t.fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages').length).toBeGreaterThan(10);
    expect(textsIn(VILLAGE)).toEqual(['m0', 'm2', 'm4', 'm6', 'm8']);
    const rows = await t.db.db.select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(rows).toHaveLength(0);
  });

  it('waits out a 429 with x-ogw-ratelimit-reset, holding every chat, and drops nothing', async () => {
    t.fake.failNext(
      { method: 'POST', pathPrefix: '/open-apis/im/v1/messages' },
      { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '10' } },
    );
    await t.db.db.transaction(async (tx) => {
      await enqueueOutbound(tx, sendText(VILLAGE, 'first'));
    });
    await t.settle();
    expect(t.fake.messages).toHaveLength(0);
    await t.db.db.transaction(async (tx) => {
      await enqueueOutbound(tx, sendText(HQ, 'other chat'));
    });
    await advance(5);
    expect(t.fake.messages).toHaveLength(0);
    await advance(10);
    expect(textsIn(VILLAGE)).toEqual(['first']);
    expect(textsIn(HQ)).toEqual(['other chat']);
  });

  it('keeps a chat’s order when its first message needs a retry', async () => {
    t.fake.failNext({ method: 'POST', pathPrefix: '/open-apis/im/v1/messages' }, { status: 503, body: { code: 1, msg: 'busy' } });
    await t.db.db.transaction(async (tx) => {
      for (const m of ['a', 'b', 'c', 'd']) await enqueueOutbound(tx, sendText(VILLAGE, m));
    });
    await advance(30);
    expect(textsIn(VILLAGE)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refreshes an expired tenant token and retries at once', async () => {
    t.fake.expireTokens();
    await t.db.db.transaction(async (tx) => {
      await enqueueOutbound(tx, sendText(VILLAGE, 'after expiry'));
    });
    await t.settle();
    expect(textsIn(VILLAGE)).toEqual(['after expiry']);
    const tokenCalls = t.fake.calls.filter((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal');
    expect(tokenCalls).toHaveLength(1);
  });

  it('records a chat that removed the bot, tells HQ once, and shows it in /状态', async () => {
    t.fake.setUnreachable(VILLAGE);
    await t.db.db.transaction(async (tx) => {
      await enqueueOutbound(tx, sendText(VILLAGE, 'lost 1'));
      await enqueueOutbound(tx, sendText(VILLAGE, 'lost 2'));
    });
    await t.settle();
    const failed = await t.db.db.select().from(outbox).where(eq(outbox.status, 'failed'));
    expect(failed.map((r) => r.lastErrorCode)).toEqual([230002, 230002]);
    const notices = textsIn(HQ).filter((x) => x?.includes('东风村工作群'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('机器人已不在群里');

    const { replies } = await t.say('/状态', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    expect(replies[0]).toContain('24小时内发送失败：2 条（230002×2）');
    expect(replies[0]).toContain('东风村工作群：机器人已不在群里');

    t.fake.setUnreachable(VILLAGE, false);
    await t.db.db.transaction(async (tx) => {
      await enqueueOutbound(tx, sendText(VILLAGE, 'back'));
    });
    await t.settle();
    const after = await t.say('/状态', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    expect(after.replies[0]).not.toContain('无法送达');
  });

  it('patches a card once the card itself is delivered, and sends a sealed file', async () => {
    await t.db.db.transaction(async (tx) => {
      const cardId = await enqueueOutbound(tx, { kind: 'send', receiveIdType: 'chat_id', receiveId: VILLAGE, msgType: 'interactive', content: JSON.stringify(versionCard(1)) });
      await enqueueOutbound(tx, { kind: 'patch', chatId: VILLAGE, outboxId: cardId, content: JSON.stringify(versionCard(2)) });
      await enqueueOutbound(tx, {
        kind: 'file',
        receiveIdType: 'open_id',
        receiveId: ADMIN,
        fileName: 'ledger.xlsx',
        fileType: 'xls',
        sealedData: t.cipher.encrypt(Buffer.from('PK\u0003\u0004 bytes').toString('base64')),
      });
    });
    await t.settle();
    const card = t.fake.messages.find((m) => m.msgType === 'interactive' && m.chatId === VILLAGE);
    expect(card?.patches.map((p) => JSON.parse(p).header.title.content)).toEqual(['v2']);
    expect(t.fake.files.map((f) => [f.fileName, f.bytes.toString()])).toEqual([['ledger.xlsx', 'PK\u0003\u0004 bytes']]);
    expect(t.fake.messages.filter((m) => m.msgType === 'file' && m.receiveId === ADMIN)).toHaveLength(1);
  });
});

describe('outbox rate limits (real time)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ realTime: true, env: { HOMEWATCH_RATE_PER_CHAT: '5', HOMEWATCH_RATE_PER_APP: '8' } });
  });
  afterAll(() => t.close());

  it('drains a burst at the limits without a single 429 from Lark', async () => {
    t.fake.limitPerChat(5);
    await t.db.db.transaction(async (tx) => {
      for (let i = 0; i < 12; i++) {
        await enqueueOutbound(tx, sendText('oc_a', `a${i}`));
        await enqueueOutbound(tx, sendText('oc_b', `b${i}`));
      }
    });
    const started = Date.now();
    await t.settle();
    const elapsed = Date.now() - started;
    expect(t.fake.rateLimited).toBe(0);
    expect(t.fake.messages).toHaveLength(24);
    // 24 messages at 8/s for the app cannot take less than ~2.9 s.
    expect(elapsed).toBeGreaterThanOrEqual(2700);
    const perChat = (chat: string) => t.fake.messages.filter((m) => m.chatId === chat).map((m) => m.createdAt);
    for (const chat of ['oc_a', 'oc_b']) {
      const times = perChat(chat);
      for (let i = 5; i < times.length; i++) expect(times[i]! - times[i - 5]!).toBeGreaterThanOrEqual(990);
    }
  });
});
