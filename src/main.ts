import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { createHomewatch } from './homewatch';
import { createLogger } from './shared/logger';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.logLevel);
  const homewatch = await createHomewatch({ config, logger });
  await homewatch.start();
  const server = serve({ fetch: homewatch.app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info(
      { port: info.port, database: homewatch.database.kind, lark: config.lark ? config.lark.domain : 'not configured' },
      'homewatch listening',
    );
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new deliveries, finishing work in progress');
    server.close();
    homewatch
      .stop()
      .then(() => process.exit(0))
      .catch((e) => {
        logger.error(e, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
