import crypto from 'node:crypto';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../helpers/fake-lark-server';
import { buildMessageEvent, signedRequest } from '../helpers/lark-delivery';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

export const VERIFICATION_TOKEN = 'vt-faults';
export const ENCRYPT_KEY = 'ek-faults';

/** A real Postgres database, a fake Lark, and the environment for homewatch processes using both. */
export interface FaultEnv {
  db: TestDatabase;
  fake: FakeLark;
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function createFaultEnv(): Promise<FaultEnv> {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error('fault tests need a real Postgres: set TEST_DATABASE_URL (see README, "Fault tests")');
  }
  const db = await createTestDatabase();
  const fake = await startFakeLark();
  const dataKey = crypto.randomBytes(32).toString('base64');
  return {
    db,
    fake,
    env: (extra = {}) => ({
      DATABASE_URL: db.url!,
      HOMEWATCH_DATA_KEY: dataKey,
      LARK_APP_ID: FAKE_APP_ID,
      LARK_APP_SECRET: FAKE_APP_SECRET,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_DOMAIN: fake.url,
      ...extra,
    }),
    async close() {
      await fake.close();
      await db.drop();
    },
  };
}

/** A signed, encrypted `/帮助` from one user in a private chat: each gets exactly one reply. */
export function helpDelivery(fake: FakeLark, user: string) {
  const chatId = `oc_p2p_${user}`;
  const event = buildMessageEvent({ text: '/帮助', chatId, chatType: 'p2p', senderOpenId: `ou_${user}`, token: VERIFICATION_TOKEN });
  fake.registerIncoming(event.event.message.message_id, chatId);
  return { messageId: event.event.message.message_id, request: () => signedRequest(event, { encryptKey: ENCRYPT_KEY }) };
}

export async function post(url: string, req: { rawBody: string; headers: Record<string, string> }): Promise<number> {
  try {
    const res = await fetch(`${url}/lark/events`, { method: 'POST', body: req.rawBody, headers: req.headers });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export function repliesPerMessage(fake: FakeLark): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of fake.messages) if (m.replyTo) counts.set(m.replyTo, (counts.get(m.replyTo) ?? 0) + 1);
  return counts;
}
