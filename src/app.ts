import { Hono } from 'hono';
import type { Database } from './db/client';
import { pingDatabase } from './db/client';
import { countDeliveries } from './inbox/inbox.repository';
import type { ConnectionHealth } from './lark/long-connection/long-connection';
import type { Metrics } from './metrics';
import { getOutboxHealth } from './outbox/outbox.repository';

// Messages older than this still undelivered mean Lark is down or refusing us.
const OUTBOX_STALE_MS = 5 * 60_000;

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
    const [inbox, outbox] = await Promise.all([countDeliveries(input.db), getOutboxHealth(input.db)]);
    const oldestAgeSeconds = outbox.oldestPendingAt ? Math.round((input.now().getTime() - outbox.oldestPendingAt.getTime()) / 1000) : 0;
    const outboxOk = oldestAgeSeconds * 1000 < OUTBOX_STALE_MS;
    const connection = input.connection?.();
    const connectionOk = !connection || connection.state === 'connected';
    return c.json({
      status: outboxOk && connectionOk ? 'ok' : 'degraded',
      database: 'up',
      inbox: { pending: inbox.pending, failed: inbox.failed },
      outbox: { pending: outbox.pending, oldestAgeSeconds, status: outboxOk ? 'ok' : 'stalled' },
      ...(connection ? { larkConnection: connection } : {}),
    });
  });
  app.get('/metrics', async (c) => {
    c.header('Content-Type', input.metrics.registry.contentType);
    return c.body(await input.metrics.registry.metrics());
  });
  if (input.larkRoutes) app.route('/lark', input.larkRoutes);
  else app.all('/lark/*', (c) => c.json({ msg: input.connection ? 'long-connection mode (LARK_CONNECTION=websocket): Lark delivers over the connection' : 'Lark is not configured (LARK_APP_ID)' }, 503));
  return app;
}
