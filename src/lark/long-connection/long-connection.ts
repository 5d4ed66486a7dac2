import * as lark from '@larksuiteoapi/node-sdk';
import type { LarkConfig } from '../../config';
import type { Metrics } from '../../metrics';
import type { Logger } from '../../shared/logger';
import type { AcceptDelivery } from '../accept-delivery';
import { fatalConnectionHint } from './endpoint-codes';
import { createLongConnectionDispatcher } from './event-dispatcher';
import { sdkLogger } from './sdk-logger';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'stopped';

/** What /healthz shows of the long connection. */
export interface ConnectionHealth {
  state: ConnectionState;
  /** When it entered this state. */
  since: string;
  /** Restarts by the watchdog and reconnects after a drop, since start. */
  reconnects: number;
  lastError?: string;
}

export interface LongConnection {
  /** Returns at once; the connection comes up in the background (the SDK's start() does not wait). */
  start(): void;
  stop(): void;
  health(): ConnectionHealth;
}

// Watchdog ticks a client may sit in the SDK's 'idle' state (no socket, no retry) before it is restarted.
const IDLE_TICKS_BEFORE_RESTART = 2;

/**
 * Lark's long-connection mode: the official SDK's WSClient dials out to Lark and receives
 * events and card callbacks over a WebSocket, so no public URL is needed. Everything after
 * the transport is the webhook's path (accept-delivery.ts). Two gaps of the SDK are covered
 * here (LARK.md §6.1): pingTimeout is set, so a silent dead socket is noticed; and a
 * watchdog replaces a client that stopped retrying (a fatal endpoint code, or retries
 * exhausted), after logging what a person should do about it.
 */
export function createLongConnection(input: {
  lark: LarkConfig;
  acceptDelivery: AcceptDelivery;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
}): LongConnection {
  const { lark: config, metrics, now } = input;
  const logger = input.logger.child({ component: 'long-connection' });
  const sdk = sdkLogger(input.logger);
  const dispatcher = createLongConnectionDispatcher({ acceptDelivery: input.acceptDelivery, logger, ackSeconds: metrics.ackSeconds, sdk });
  let client: lark.WSClient | null = null;
  let state: ConnectionState = 'stopped';
  let since = now();
  let reconnects = 0;
  let lastError: string | undefined;
  let idleTicks = 0;
  let watchdog: NodeJS.Timeout | null = null;

  function enter(next: ConnectionState) {
    if (next === state) return;
    state = next;
    since = now();
    metrics.larkConnectionUp.set(next === 'connected' ? 1 : 0);
  }

  function connect() {
    const own: { client: lark.WSClient | null } = { client: null };
    // Callbacks of a client that was replaced must not change the state of its successor.
    const current = () => own.client !== null && own.client === client;
    own.client = new lark.WSClient({
      appId: config.appId,
      appSecret: config.appSecret,
      domain: config.domain,
      ...sdk,
      autoReconnect: true,
      handshakeTimeoutMs: 10_000,
      wsConfig: { pingTimeout: config.transport.pingTimeoutSeconds },
      onReady: () => {
        if (!current()) return;
        enter('connected');
        logger.info('long connection to Lark established');
      },
      onReconnecting: () => {
        if (!current()) return;
        enter('reconnecting');
        reconnects += 1;
        metrics.larkReconnects.inc({ reason: 'dropped' });
        logger.warn('long connection to Lark lost; reconnecting');
      },
      onReconnected: () => {
        if (!current()) return;
        enter('connected');
        logger.info('long connection to Lark re-established');
      },
      onError: (error) => {
        if (!current()) return;
        enter('failed');
        lastError = error.message;
        logger.error({ err: error.message }, fatalConnectionHint(error, config.domain));
      },
    });
    client = own.client;
    enter('connecting');
    void client.start({ eventDispatcher: dispatcher });
  }

  function restart() {
    client?.close({ force: true });
    client = null;
    reconnects += 1;
    metrics.larkReconnects.inc({ reason: 'watchdog' });
    logger.warn({ lastError }, 'long connection watchdog: restarting the Lark client');
    connect();
  }

  function checkClient() {
    if (!client) return;
    const sdkState = client.getConnectionStatus().state;
    idleTicks = sdkState === 'idle' ? idleTicks + 1 : 0;
    if (sdkState === 'failed' || idleTicks >= IDLE_TICKS_BEFORE_RESTART) {
      idleTicks = 0;
      restart();
    }
  }

  return {
    start() {
      if (client) return;
      connect();
      watchdog = setInterval(checkClient, config.transport.watchdogSeconds * 1000);
      watchdog.unref();
    },
    stop() {
      if (watchdog) clearInterval(watchdog);
      watchdog = null;
      client?.close({ force: true });
      client = null;
      enter('stopped');
    },
    health() {
      return { state, since: since.toISOString(), reconnects, ...(lastError ? { lastError } : {}) };
    },
  };
}
