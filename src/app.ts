import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Database } from './db/client';
import { pingDatabase } from './db/client';
import { countDeliveries } from './inbox/inbox.repository';
import type { ConnectionHealth } from './lark/long-connection/long-connection';
import type { Metrics } from './metrics';
import { getOutboxHealth } from './outbox/outbox.repository';

/**
 * The largest delivery Lark sends is a card callback with a form, a few kB; 1 MB is generous.
 * The limit is checked on Content-Length and while the body streams in, so a bigger body is
 * refused (413) before it is buffered, let alone verified or parsed (issue 11, finding 6).
 */
export const MAX_BODY_BYTES = 1024 * 1024;

// Messages older than this still undelivered mean Lark is down or refusing us.
const OUTBOX_STALE_MS = 5 * 60_000;
// Deliveries set aside within this window keep the inbox reported as failing.
const INBOX_FAILED_WINDOW_MS = 24 * 3600_000;

/** The HTTP surface: /healthz, /metrics, and the Lark webhook under /lark when Lark is configured. */
export function createApp(input: {
  db: Database;
  larkRoutes: Hono | null;
  metrics: Metrics;
  now: () => Date;
  /** Long-connection mode: the state of the connection to Lark. */
  connection: (() => ConnectionHealth) | null;
}): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    if (!(await pingDatabase(input.db))) return c.json({ status: 'down', database: 'down' }, 503);
    const now = input.now();
    const [inbox, outbox] = await Promise.all([countDeliveries(input.db, new Date(now.getTime() - INBOX_FAILED_WINDOW_MS)), getOutboxHealth(input.db)]);
    const oldestAgeSeconds = outbox.oldestPendingAt ? Math.round((now.getTime() - outbox.oldestPendingAt.getTime()) / 1000) : 0;
    const outboxOk = oldestAgeSeconds * 1000 < OUTBOX_STALE_MS;
    // Deliveries that keep failing are answered and set aside, so the bot goes on; still the operator must look.
    const inboxOk = inbox.retrying === 0 && inbox.failedRecently === 0;
    const connection = input.connection?.();
    const connectionOk = !connection || connection.state === 'connected';
    return c.json({
      status: outboxOk && inboxOk && connectionOk ? 'ok' : 'degraded',
      database: 'up',
      inbox: { ...inbox, status: inboxOk ? 'ok' : 'failing' },
      outbox: { pending: outbox.pending, oldestAgeSeconds, status: outboxOk ? 'ok' : 'stalled' },
      ...(connection ? { larkConnection: connection } : {}),
    });
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', input.metrics.registry.contentType);
    return c.body(await input.metrics.registry.metrics());
  });
  app.use('/lark/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ msg: 'request body over 1 MB' }, 413) }));
  if (input.larkRoutes) app.route('/lark', input.larkRoutes);
  else app.all('/lark/*', (c) => c.json({ msg: input.connection ? 'long-connection mode (LARK_CONNECTION=websocket): Lark delivers over the connection' : 'Lark is not configured (LARK_APP_ID)' }, 503));
  return app;
}
