/**
 * The stack's limit for the webhook benchmark: Hono on @hono/node-server that only reads
 * the raw body, checks the signature, decrypts and parses, then answers `{}`. No zod, no
 * database, no inbox. Started as a child process by bench/webhook.ts:
 *   PORT=… HOST=127.0.0.1 LARK_ENCRYPT_KEY=… node --import tsx bench/lib/minimal-server.ts
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { decryptLarkPayload, verifyLarkSignature } from '../../src/lark/webhook/verify';

const encryptKey = process.env.LARK_ENCRYPT_KEY;
if (!encryptKey) {
  console.error('LARK_ENCRYPT_KEY is required');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));

const receive = async (c: import('hono').Context) => {
  const rawBody = await c.req.text();
  const headers = {
    'x-lark-request-timestamp': c.req.header('x-lark-request-timestamp'),
    'x-lark-request-nonce': c.req.header('x-lark-request-nonce'),
    'x-lark-signature': c.req.header('x-lark-signature'),
  };
  const check = verifyLarkSignature({ headers, rawBody, encryptKey, now: new Date() });
  if (!check.ok) return c.json({ msg: check.reason }, 401);
  let body: unknown;
  try {
    const outer = JSON.parse(rawBody) as { encrypt?: unknown };
    if (typeof outer.encrypt !== 'string') return c.json({ msg: 'not encrypted' }, 400);
    body = JSON.parse(decryptLarkPayload(outer.encrypt, encryptKey));
  } catch {
    return c.json({ msg: 'cannot_decrypt' }, 400);
  }
  if (!body || typeof body !== 'object') return c.json({ msg: 'not_json' }, 400);
  return c.json({});
};
app.post('/lark/events', receive);
app.post('/lark/cards', receive);

serve({ fetch: app.fetch, port, hostname });
// Nothing to finish: keep-alive sockets would only delay a graceful close.
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
