import type { Logger } from './logger';

// Below systemd's TimeoutStopSec (30 s in deploy/) and compose's stop_grace_period: we exit
// on our own, with a log line, before anything sends SIGKILL.
const DEADLINE_MS = 25_000;

/**
 * On SIGTERM or SIGINT: stop taking requests and let those under way finish (a webhook
 * delivery is stored before it is acknowledged), then `stop` the rest (workers stop claiming
 * and finish their cycle; the database is closed), then exit 0. A second signal, or work
 * still running at the deadline, exits 1 at once: what was not finished is still in the
 * inbox/outbox and is done after the next start.
 */
export function exitGracefullyOnSignals(input: {
  logger: Logger;
  server: { close(callback: () => void): unknown; closeIdleConnections?: () => void };
  stop: () => Promise<void>;
}): void {
  const { logger } = input;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now; unfinished work is picked up at the next start');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: no new deliveries, finishing work in progress');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: DEADLINE_MS }, 'shutdown did not finish in time: exiting; unfinished work is picked up at the next start');
      process.exit(1);
    }, DEADLINE_MS);
    deadline.unref();
    const requestsDone = new Promise<void>((resolve) => input.server.close(() => resolve()));
    // Keep-alive connections with no request under way would hold close() until they time out.
    input.server.closeIdleConnections?.();
    requestsDone
      .then(() => input.stop())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((e: unknown) => {
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
