import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assets } from '../shared/assets';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { jobs } from '../../jobs';
import type { Homewatch } from '../homewatch';
import type { Logger } from '../shared/logger';
import { DEMO_CHATS, DEMO_USERS } from './demo';
import { p2pChatId, type LarkPlatform } from './lark-platform';
import { runJob } from './run-job';
import type { SandboxClock } from './sandbox-clock';
import type { SandboxStore } from './sandbox-store';
import { MAX_SENT_FILE_BODY_BYTES, readSentFile } from './sent-file';
import { DeliveryRefusedError, type Simulator } from './simulator';
import { buildView } from './view';

const WEB_DIR = assets.sandboxWeb;
const ASSET_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'card-renderer.js': 'text/javascript; charset=utf-8',
  'markdown.js': 'text/javascript; charset=utf-8',
  'labels.js': 'text/javascript; charset=utf-8',
  'clock.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

const SayBody = z.object({ from: z.string(), chatId: z.string(), text: z.string().trim().min(1).max(2000) });
const PressBody = z.object({
  from: z.string(),
  messageId: z.string(),
  value: z.record(z.string(), z.unknown()),
  formValue: z.record(z.string(), z.unknown()).optional(),
  name: z.string().optional(),
});
const JobBody = z.object({
  name: z.string(),
  date: z.string().optional(),
  time: z.string().optional(),
});
const ClockBody = z.object({ realTime: z.literal(true) });

/**
 * The sandbox page and its API under /sandbox. The API only acts the way a Lark user could:
 * say something in a chat, send a file, press a card, download a file; plus the jobs panel, which does
 * what `npm run cli -- job` does, and the simulated clock it sets.
 */
export function createSandboxRoutes(input: {
  homewatch: Homewatch;
  platform: LarkPlatform;
  store: SandboxStore;
  simulator: Simulator;
  clock: SandboxClock;
  timeZone: string;
  logger: Logger;
}): Hono {
  const { platform, store, simulator, clock } = input;
  const assets = new Map(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(path.join(WEB_DIR, name), 'utf8')]));
  const page = readFileSync(path.join(WEB_DIR, 'page.html'), 'utf8');
  const userIds = new Set(DEMO_USERS.map((u) => u.openId));
  const groupIds = new Set(DEMO_CHATS.map((c) => c.chatId));
  /** A user speaks in the demo groups and in their own private chat with the bot, nowhere else. */
  const chatFor = (from: string, chatId: string) =>
    groupIds.has(chatId) ? { isGroup: true } : chatId === p2pChatId(from) ? { isGroup: false } : null;

  const app = new Hono();
  // A JSON content type makes a cross-site form or fetch need a CORS preflight, which this
  // app never grants: another web page open in the same browser cannot drive the sandbox.
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'POST' && !c.req.header('content-type')?.startsWith('application/json')) {
      return c.json({ error: 'json_only' }, 415);
    }
    await next();
  });

  app.get('/', (c) => c.html(page));
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (body === undefined) return c.notFound();
    return c.body(body, 200, { 'Content-Type': ASSET_TYPES[name]!, 'Cache-Control': 'no-cache' });
  });

  app.get('/api/state', (c) => {
    const since = Number(c.req.query('since'));
    if (since === store.version) return c.json({ version: store.version });
    const connection = input.homewatch.longConnection;
    const transport = { connection: connection ? ('websocket' as const) : ('webhook' as const), state: connection?.health().state ?? null };
    return c.json(buildView({ platform, store, transport, clock: { simulatedAt: clock.simulatedNow()?.getTime() ?? null, timeZone: input.timeZone } }));
  });

  app.post('/api/messages', async (c) => {
    const body = SayBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success || !userIds.has(body.data.from)) return c.json({ error: 'bad_request' }, 400);
    const { from, chatId, text } = body.data;
    const chat = chatFor(from, chatId);
    if (!chat) return c.json({ error: 'not_your_chat' }, 400);
    return answer(c, () => simulator.say({ fromOpenId: from, chatId, isGroup: chat.isGroup, typed: text }));
  });

  app.post(
    '/api/files',
    // Stops an oversized upload before it is read into memory.
    bodyLimit({ maxSize: MAX_SENT_FILE_BODY_BYTES, onError: (c) => c.json({ error: 'file_too_large' }, 413) }),
    async (c) => {
      const file = readSentFile(await c.req.json().catch(() => null));
      if (!file.ok) return c.json({ error: file.error }, file.error === 'file_too_large' ? 413 : 400);
      const { from, chatId, fileName, bytes } = file;
      if (!userIds.has(from)) return c.json({ error: 'bad_request' }, 400);
      const chat = chatFor(from, chatId);
      if (!chat) return c.json({ error: 'not_your_chat' }, 400);
      return answer(c, () => simulator.sayFile({ fromOpenId: from, chatId, isGroup: chat.isGroup, fileName, bytes }));
    },
  );

  app.post('/api/cards', async (c) => {
    const body = PressBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success || !userIds.has(body.data.from)) return c.json({ error: 'bad_request' }, 400);
    const { from, ...press } = body.data;
    return answer(c, () => simulator.press({ operatorOpenId: from, ...press }));
  });

  app.get('/api/jobs', (c) =>
    c.json({ jobs: jobs.map((j) => ({ name: j.name, description: j.description, times: j.times(input.homewatch.policy) })) }),
  );
  app.post('/api/jobs', async (c) => {
    const body = JobBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ error: 'bad_request' }, 400);
    const outcome = await runJob({ homewatch: input.homewatch, timeZone: input.timeZone, logger: input.logger, request: body.data, clock });
    return c.json(outcome, outcome.ok ? 200 : 400);
  });
  // Setting the clock is running a job at a time; the page only ever leaves the simulation.
  app.post('/api/clock', async (c) => {
    if (!ClockBody.safeParse(await c.req.json().catch(() => null)).success) return c.json({ error: 'bad_request' }, 400);
    clock.useRealTime();
    return c.json({ ok: true });
  });

  app.get('/api/files/:key', (c) => {
    const key = c.req.param('key');
    const file = platform.files.find((f) => f.fileKey === key);
    const image = platform.images.find((i) => i.imageKey === key);
    const bytes = file?.bytes ?? image?.bytes;
    if (!bytes) return c.notFound();
    const name = file?.fileName ?? `${key}.png`;
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': file ? 'application/octet-stream' : 'image/png',
      'Content-Disposition': `${file ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  async function answer(c: import('hono').Context, run: () => Promise<object>) {
    try {
      return c.json(await run());
    } catch (e) {
      if (!(e instanceof DeliveryRefusedError)) throw e;
      input.logger.warn({ err: e.message }, 'sandbox: the bot refused a simulated delivery');
      return c.json({ error: 'delivery_refused' }, 502);
    }
  }

  return app;
}
