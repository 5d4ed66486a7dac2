import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, inbox } from '../../src/db/schema';
import { cardText } from '../../src/messages/cards';
import { buttonsOf, currentCard, findButton, press as pressOverHttp } from '../helpers/cards';
import { message, pressOverLongConnection, push, say, startLongConnectionApp, type LongConnectionApp } from '../helpers/long-connection-app';
import { ADMIN, startTestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_ws_admin';
const DONGFENG = 'oc_ws_dongfeng';
const DOCTOR = 'ou_ws_doctor';
const CADRE = 'ou_ws_cadre';

const inboxRows = (t: LongConnectionApp) => t.db.db.select().from(inbox);
const repliesTo = (t: LongConnectionApp, messageId: string) => t.fake.messages.filter((m) => m.replyTo === messageId);

describe('long-connection mode (LARK_CONNECTION=websocket) through the fake Lark gateway', () => {
  let t: LongConnectionApp;

  beforeAll(async () => {
    t = await startLongConnectionApp();
    await say(t, '/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await say(t, '/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await say(t, '/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '张医生' }] });
  });
  afterAll(async () => {
    expect(t.fake.longConnection.ackViolations).toEqual([]);
    await t.close();
  });

  it('receives a command over the long connection and replies through the Open Platform API', async () => {
    const { ack, replies } = await say(t, `/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 11月20日`, { from: CADRE, chatId: DONGFENG });
    expect(ack).toMatchObject({ code: 200, attempts: 1 });
    expect(replies.join()).toContain('已登记');
    expect(await t.db.db.select().from(cases)).toHaveLength(1);
    expect(t.fake.longConnection.pings).toBeGreaterThan(0);
  });

  it('answers a card press in the ack with the toast and the card, which the fake checks as Lark does', async () => {
    const { messageId } = await say(t, '/今日', { from: DOCTOR, chatId: DONGFENG });
    const testsCard = repliesTo(t, messageId).find((m) => m.msgType === 'interactive')!;
    const sample = findButton(currentCard(testsCard), '已采样');
    const r = await pressOverLongConnection(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value: sample.value });
    expect(r.ack.ms).toBeLessThan(3000);
    expect(r.toast?.type).toBe('success');
    expect(buttonsOf(r.card).map((b) => b.text)).toContain('阴性');
    // The same change is patched for everyone, as over HTTP.
    expect(currentCard(testsCard)).toEqual(r.card);
  });

  it('joins an event split into fragments (sum/seq) before handling it', async () => {
    const event = message(t, '/帮助', { from: CADRE, chatId: DONGFENG });
    const ack = await push(t, event, { fragments: 4 });
    await t.settle();
    expect(ack.code).toBe(200);
    expect(repliesTo(t, event.event.message.message_id)).toHaveLength(1);
  });

  it('acknowledges only after the inbox write: while the inbox is locked no ack goes out', async () => {
    const event = message(t, '/帮助', { from: CADRE, chatId: DONGFENG });
    let acked = false;
    let ack: Promise<unknown> = Promise.resolve();
    await t.db.db.transaction(async (tx) => {
      await tx.execute(sql`lock table inbox in access exclusive mode`);
      ack = push(t, event).then(() => (acked = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(acked).toBe(false);
    });
    await ack;
    expect((await inboxRows(t)).some((r) => r.eventId === event.header.event_id)).toBe(true);
    await t.settle();
  });

  it('a connection dropped mid-burst loses nothing and doubles nothing', async () => {
    const burst = Array.from({ length: 40 }, () => message(t, '/帮助', { from: CADRE, chatId: DONGFENG }));
    const before = await t.hw.metrics.registry.getSingleMetricAsString('homewatch_lark_reconnects_total');
    const acks = burst.map((e) => push(t, e));
    await new Promise((resolve) => setTimeout(resolve, 5));
    t.fake.longConnection.drop();
    const results = await Promise.all(acks);
    await t.settle();
    expect(results.every((a) => a.code === 200)).toBe(true);
    // The drop did cut deliveries off: some had to be pushed again.
    expect(results.some((a) => a.attempts > 1)).toBe(true);
    for (const e of burst) expect(repliesTo(t, e.event.message.message_id)).toHaveLength(1);
    expect(t.fake.longConnection.unacknowledged).toBe(0);
    const after = await t.hw.metrics.registry.getSingleMetricAsString('homewatch_lark_reconnects_total');
    expect(after).not.toEqual(before);
    expect(after).toContain('reason="dropped"');
  });

  it('an event redelivered after a reconnect (same event_id, or same message_id) is processed once', async () => {
    const event = message(t, '/帮助', { from: CADRE, chatId: DONGFENG });
    await push(t, event);
    t.fake.longConnection.drop();
    await t.fake.longConnection.waitForConnections(1);
    await push(t, event);
    await push(t, { ...event, header: { ...event.header, event_id: 'ev_another_id_same_message' } });
    await t.settle();
    expect(repliesTo(t, event.event.message.message_id)).toHaveLength(1);
    const rows = (await inboxRows(t)).filter((r) => r.messageId === event.event.message.message_id);
    expect(rows).toHaveLength(1);
  });

  it('shows the connection in /healthz and notices a dead connection by its missing pongs', async () => {
    const health = async () =>
      (await (await t.hw.app.request('/healthz')).json()) as { status: string; larkConnection: { state: string; since: string; reconnects: number } };
    expect((await health()).larkConnection.state).toBe('connected');
    const reconnects = (await health()).larkConnection.reconnects;
    // The socket stays open but Lark stops answering; the endpoint is busy (a code the SDK retries).
    t.fake.longConnection.silence(true);
    t.fake.longConnection.refuseEndpoint(1000040343, 'internal error');
    // pingTimeout 1 s: the client gives the silent socket up and tries to reconnect.
    await t.fake.waitFor(() => t.hw.longConnection!.health().state === 'reconnecting', 5000);
    const down = await health();
    expect(down).toMatchObject({ status: 'degraded', larkConnection: { state: 'reconnecting' } });
    // Since when, on the app's clock (the test's fixed clock).
    expect(down.larkConnection.since).toBe(t.clock.now.toISOString());
    t.fake.longConnection.silence(false);
    t.fake.longConnection.refuseEndpoint(null);
    await t.fake.waitFor(() => t.hw.longConnection!.health().state === 'connected', 5000);
    const after = await health();
    expect(after).toMatchObject({ status: 'ok', larkConnection: { state: 'connected' } });
    expect(after.larkConnection.reconnects).toBeGreaterThan(reconnects);
    expect(t.logs.some((l) => l.msg === 'long connection to Lark lost; reconnecting')).toBe(true);
  });
});

describe('long connection: a refused endpoint', () => {
  it('logs what to do for a fatal code, and the watchdog reconnects once Lark accepts again', async () => {
    const t = await startLongConnectionApp({ connect: false });
    try {
      t.fake.longConnection.refuseEndpoint(514, 'auth failed');
      t.hw.longConnection!.start();
      await t.fake.waitFor(() => t.hw.longConnection!.health().state === 'failed', 5000);
      const fatal = t.logs.find((l) => l.level === 50 && String(l.msg).includes('code 514'));
      expect(fatal?.msg).toContain('LARK_APP_SECRET');
      t.fake.longConnection.refuseEndpoint(null);
      await t.fake.longConnection.waitForConnections(1);
      await t.fake.waitFor(() => t.hw.longConnection!.health().state === 'connected', 5000);
      expect(await t.hw.metrics.registry.getSingleMetricAsString('homewatch_lark_reconnects_total')).toMatch(/reason="watchdog"} [1-9]/);
      const event = message(t, '/帮助', { from: CADRE, chatId: 'oc_ws_unbound' });
      expect((await push(t, event)).code).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('a card press answers the same body over the long connection as over the webhook', () => {
  it('returns the identical toast for a stale button', async () => {
    const ws = await startLongConnectionApp();
    const http = await startTestApp();
    try {
      const value = { action: 'no.such.action' };
      const overWs = await pressOverLongConnection(ws, { operator: DOCTOR, chatId: DONGFENG, messageId: 'om_ws_card', value });
      const overHttp = await pressOverHttp(http, { operator: DOCTOR, chatId: DONGFENG, messageId: 'om_ws_card', value });
      expect(overWs.ack.data).toEqual({ toast: { type: 'warning', content: cardText.staleAction } });
      expect(overWs.toast).toEqual(overHttp.toast);
      expect(await ws.db.db.select().from(inbox).where(eq(inbox.eventType, 'card.action.trigger'))).toHaveLength(0);
    } finally {
      await ws.close();
      await http.close();
    }
  });
});
