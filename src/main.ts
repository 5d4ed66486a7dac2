import { serve } from '@hono/node-server';
import { ConfigError, loadConfig } from './config';
import { createHomewatch } from './homewatch';
import { createSandbox } from './sandbox/sandbox';
import { exitGracefullyOnSignals } from './shared/graceful-shutdown';
import { createLogger } from './shared/logger';

// Milliseconds since the process started (performance.now()): here every module is loaded and
// evaluated. The start's phases are logged with "homewatch listening"; bench:start reads them.
const codeLoadedMs = performance.now();

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
  const sandbox = config.sandbox ? await createSandbox({ config, logger }) : null;
  const runConfig = sandbox?.config ?? config;
  const homewatch = await createHomewatch({ config: runConfig, logger, workNow: sandbox?.workNow });
  const databaseReadyMs = performance.now();
  sandbox?.mount(homewatch);
  await homewatch.start();
  const workersStartedMs = performance.now();
  const server = serve({ fetch: homewatch.app.fetch, port: runConfig.port, hostname: runConfig.host }, (info) => {
    const startMs = {
      load: Math.round(codeLoadedMs),
      // Opening (or making) the database and migrating it, and wiring the app.
      database: Math.round(databaseReadyMs - codeLoadedMs),
      // The bot's identity from Lark, the workers, the catch-up of today's missed jobs.
      workers: Math.round(workersStartedMs - databaseReadyMs),
      total: Math.round(performance.now()),
    };
    logger.info(
      { port: info.port, database: homewatch.database.kind, lark: sandbox ? 'sandbox' : runConfig.lark!.domain, startMs },
      'homewatch listening',
    );
    if (sandbox) {
      const local = ['0.0.0.0', '::'].includes(runConfig.host) ? '127.0.0.1' : runConfig.host;
      const appUrl = `http://${local.includes(':') ? `[${local}]` : local}:${info.port}`;
      logger.warn(
        { host: runConfig.host },
        `SANDBOX MODE (no LARK_APP_ID): a simulated Lark, not a real one. Open ${appUrl}/sandbox`,
      );
      sandbox.start(appUrl);
    }
  });

  exitGracefullyOnSignals({
    logger,
    server,
    stop: async () => {
      await homewatch.stop();
      await sandbox?.stop();
    },
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
