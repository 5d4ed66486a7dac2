/**
 * Diagnostic target for the webhook benchmark: the real homewatch app (receiver, inbox
 * insert, Postgres) served exactly as src/main.ts serves it, but with the inbox and outbox
 * workers NOT started. Its throughput is what the acknowledgement path alone costs; the
 * gap to the full server is what the background processing in the same process takes.
 * Same environment as src/main.ts.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../../src/config';
import { createHomewatch } from '../../src/homewatch';
import { createLogger } from '../../src/shared/logger';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const homewatch = await createHomewatch({ config, logger });
await homewatch.ready();
serve({ fetch: homewatch.app.fetch, port: config.port, hostname: config.host });
process.on('SIGTERM', () => {
  homewatch.database.close().finally(() => process.exit(0));
});
