import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Logger } from '../../src/shared/logger';
import { loadConfig } from '../../src/config';
import { createHomewatch, type Homewatch } from '../../src/homewatch';
import { createDataCipher, type DataCipher } from '../../src/shared/data-cipher';
import { expectNoCardRefusals } from './card-check';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from './fake-lark-server';
import { buildChatMemberEvent, buildMessageEvent, type ChatMemberEventInput, type MentionInput, signedRequest } from './lark-delivery';
import { createTestDatabase, type TestDatabase } from './test-db';

export const VERIFICATION_TOKEN = 'vt-homewatch-test';
export const ENCRYPT_KEY = 'ek-homewatch-test';
export const ADMIN = 'ou_admin';

/**
 * The real app (Hono, inbox, outbox, database) wired to a fake Lark Open Platform over
 * HTTP, with a clock the test controls. Workers are not started: tests drain them, so
 * every assertion sees a settled state.
 */
export interface TestApp {
  hw: Homewatch;
  fake: FakeLark;
  db: TestDatabase;
  clock: { now: Date };
  /** The app's data cipher (same key), to seal test data the way the app does. */
  cipher: DataCipher;
  /** POSTs a raw delivery to the webhook. */
  post(path: string, req: { rawBody: string; headers: Record<string, string> }): Promise<Response>;
  /** Sends a signed, encrypted text message as `from` and processes it and its replies. */
  say(text: string, opts: SayOptions): Promise<{ status: number; messageId: string; replies: string[] }>;
  /**
   * Replaces the app with a new one on the same database, as after a crash: the old one
   * is abandoned mid-flight, not stopped.
   */
  restart(): Promise<void>;
  /** Delivers a signed chat member event (someone added or removed, the bot removed) and processes it. */
  memberEvent(input: Omit<ChatMemberEventInput, 'token'>): Promise<Response>;
  /** Processes stored deliveries and delivers owed messages until nothing is left. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface SayOptions {
  from: string;
  chatId: string;
  chatType?: 'group' | 'p2p';
  mentions?: MentionInput[];
  messageId?: string;
  eventId?: string;
  /** Add the bot's own @-mention in front (as Lark does in groups); default true in groups. */
  atBot?: boolean;
}

export async function startTestApp(
  options: {
    now?: string;
    env?: Record<string, string>;
    realTime?: boolean;
    /** Village cadres must be granted (the default policy); otherwise everyone in a village group is one. */
    strictCadres?: boolean;
    logger?: Logger;
  } = {},
): Promise<TestApp> {
  const fake = await startFakeLark();
  const db = await createTestDatabase();
  // A fixed clock that only moves when the test (or a wait inside the app) moves it; or real time.
  const clock: { now: Date } = options.realTime
    ? {
        get now() {
          return new Date();
        },
        set now(_: Date) {
          throw new Error('a real-time test app cannot move its clock');
        },
      }
    : { now: new Date(options.now ?? '2026-11-23T10:00:00+08:00') };
  const dataKey = crypto.randomBytes(32).toString('base64');
  const config = loadConfig({
    LARK_APP_ID: FAKE_APP_ID,
    LARK_APP_SECRET: FAKE_APP_SECRET,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: fake.url,
    HOMEWATCH_ADMINS: ADMIN,
    HOMEWATCH_DATA_KEY: dataKey,
    ...(options.strictCadres ? {} : { HOMEWATCH_POLICY_FILE: groupCadresPolicyFile() }),
    // The clock stands still in most tests, so the per-sender budget would never refill.
    HOMEWATCH_SENDER_BURST: '100000',
    ...options.env,
  });
  const boot = async () => {
    const app = await createHomewatch({
      config,
      database: db,
      logger: options.logger ?? pino({ level: 'silent' }),
      now: () => clock.now,
      // Waiting (for a rate-limit slot) moves the test's clock instead of real time.
      sleep: options.realTime
        ? undefined
        : async (ms) => {
            clock.now = new Date(clock.now.getTime() + ms);
          },
    });
    await app.ready();
    return app;
  };
  let hw = await boot();

  const post = (path: string, req: { rawBody: string; headers: Record<string, string> }) =>
    Promise.resolve(t.hw.app.request(path, { method: 'POST', body: req.rawBody, headers: req.headers }));

  async function settle() {
    for (;;) {
      const processed = await t.hw.inbox.drain();
      const escalated = await t.hw.escalation.runOnce();
      const imported = (await t.hw.imports?.runOnce()) ?? 0;
      const named = (await t.hw.peopleLookup?.runOnce()) ?? 0;
      const delivered = (await t.hw.outbox?.drainOnce()) ?? 0;
      if (processed === 0 && escalated === 0 && imported === 0 && named === 0 && delivered === 0) break;
    }
    expectNoCardRefusals(fake);
  }

  const t: TestApp = {
    hw,
    fake,
    db,
    clock,
    cipher: createDataCipher(dataKey),
    post,
    settle,
    async restart() {
      hw = await boot();
      t.hw = hw;
    },
    async memberEvent(input) {
      const res = await post('/lark/events', signedRequest(buildChatMemberEvent({ ...input, token: VERIFICATION_TOKEN }), { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(clock.now) }));
      await settle();
      return res;
    },
    async say(text, opts) {
      const isGroup = (opts.chatType ?? 'group') === 'group';
      const atBot = opts.atBot ?? isGroup;
      const mentions = [...(atBot ? [{ key: '@_user_1', openId: fake.botOpenId, name: 'homewatch' }] : []), ...(opts.mentions ?? [])];
      const event = buildMessageEvent({
        text: atBot ? `@_user_1 ${text}` : text,
        chatId: opts.chatId,
        chatType: opts.chatType ?? 'group',
        senderOpenId: opts.from,
        mentions,
        messageId: opts.messageId,
        eventId: opts.eventId,
        token: VERIFICATION_TOKEN,
        createTimeMs: clock.now.getTime(),
      });
      fake.registerIncoming(event.event.message.message_id, opts.chatId);
      const before = fake.messages.length;
      const res = await post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(clock.now) }));
      await settle();
      const replies = fake.messages
        .slice(before)
        .filter((m) => m.replyTo === event.event.message.message_id)
        .map((m) => (m.msgType === 'text' ? String((m.parsedContent as { text: string }).text) : m.content));
      return { status: res.status, messageId: event.event.message.message_id, replies };
    },
    async close() {
      await t.hw.stop();
      await db.drop();
      await fake.close();
      expectNoCardRefusals(fake);
    },
  };
  return t;
}

/**
 * The default policy with team.requireCadreGrant off: most tests act as a village's cadre by
 * speaking in its group; the role and permission tests run the default policy (strictCadres).
 */
let groupCadresPolicy: string | undefined;
function groupCadresPolicyFile(): string {
  if (groupCadresPolicy) return groupCadresPolicy;
  const text = fs.readFileSync(new URL('../../policy/default.yaml', import.meta.url), 'utf8').replace(/requireCadreGrant: true/, 'requireCadreGrant: false');
  if (!text.includes('requireCadreGrant: false')) throw new Error('policy/default.yaml no longer sets team.requireCadreGrant');
  groupCadresPolicy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hw-policy-')), 'policy.yaml');
  fs.writeFileSync(groupCadresPolicy, text);
  return groupCadresPolicy;
}

export const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000));
