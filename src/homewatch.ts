import type { Hono } from 'hono';
import { cardActions } from '../card-actions';
import { commands } from '../commands';
import { jobs } from '../jobs';
import { createApp } from './app';
import type { Config } from './config';
import { type Database, type DatabaseHandle, openPglite, openPostgres } from './db/client';
import { resolveDataKey } from './data-key';
import { migrateDatabase } from './db/seal-legacy-case-data';
import { loadPolicy, type Policy } from './domain/policy';
import { countDeliveries } from './inbox/inbox.repository';
import { createInboxWorker, type Delivery, type InboxWorker } from './inbox/inbox-worker';
import { createCardActionRouter } from './lark/card-action-handler';
import { createLarkApi, type LarkApi } from './lark/client';
import { isChatMemberEvent, MessageEventSchema } from './lark/events';
import { createMessageHandler } from './lark/message-handler';
import { createDeliveryBatcher } from './inbox/delivery-batcher';
import { createLarkReceiver } from './lark/webhook/receiver';
import { createDeliveryAcceptor } from './lark/accept-delivery';
import { createLongConnection, type LongConnection } from './lark/long-connection/long-connection';
import { common } from './messages/common';
import { createMetrics, type Metrics } from './metrics';
import { enqueueOutbound, getOutboxHealth } from './outbox/outbox.repository';
import { bindOutboxCipher } from './outbox/outbox-sealing';
import { createOutboxWorker, type OutboxWorker } from './outbox/outbox-worker';
import { createDataCipher, type DataCipher } from './shared/data-cipher';
import { createLogger, type Logger } from './shared/logger';
import { createWorkerLoop, type WorkerLoop } from './shared/worker-loop';
import { escalateOverdueRechecks } from './services/alert-escalation';
import { escalateLateTransfers } from './services/transfer-escalation';
import { runPushClocks } from './services/push-clock';
import { createImportWorker, type ImportWorker } from './services/import-worker';
import { applyChatMemberEvent } from './services/membership';
import { createMembershipSync, type MembershipSync } from './services/membership-sync';
import { createPeopleLookup, type PeopleLookup } from './services/people-lookup';
import { createJobRunner, type JobRunner } from './scheduler/job-runner';
import { createScheduler, type Scheduler } from './scheduler/scheduler';

export interface Homewatch {
  app: Hono;
  database: DatabaseHandle;
  policy: Policy;
  /** The data cipher (personal data at rest, sealed outbox files). */
  cipher: DataCipher;
  metrics: Metrics;
  inbox: InboxWorker;
  outbox: OutboxWorker | null;
  /** Reads import files and writes confirmed imports; null without Lark (nothing to download from). */
  imports: ImportWorker | null;
  /** Names people from the contact API; null without Lark. */
  peopleLookup: PeopleLookup | null;
  /** Reads the member lists of the bound groups every few minutes; null without Lark. */
  membershipSync: MembershipSync | null;
  /** Repeats overdue alerts to HQ; polls like the other workers. */
  escalation: WorkerLoop & { runOnce(): Promise<number> };
  /** Runs one fire of a job exactly once (also from the CLI and tests). */
  jobRunner: JobRunner;
  /** Fires the jobs on their schedule; `start` starts it. */
  scheduler: Scheduler;
  /** Long-connection mode (LARK_CONNECTION=websocket): the client that receives from Lark; `start` starts it. */
  longConnection: LongConnection | null;
  /** Learns the bot's own identity from Lark; `start` does it too. */
  ready(): Promise<void>;
  /** Starts the workers; the HTTP server is the caller's. */
  start(): Promise<void>;
  /** Stops the workers after their current cycle and closes the database. */
  stop(): Promise<void>;
}

export interface HomewatchOptions {
  config: Config;
  /** An already open database (tests); otherwise opened from the configuration. */
  database?: DatabaseHandle;
  logger?: Logger;
  now?: () => Date;
  /**
   * The time the township's work is done at: what commands, card presses, imports and
   * escalations record and count days from. Defaults to `now`; the sandbox's simulated
   * clock. Deliveries to and from Lark (signatures, inbox, outbox) and the schedule keep
   * `now`: they are about when things really happen.
   */
  workNow?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Polling interval of the workers when idle. */
  idleMs?: number;
}

/** The composition root: every long-lived piece, wired once. */
export async function createHomewatch(options: HomewatchOptions): Promise<Homewatch> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const now = options.now ?? (() => new Date());
  const workNow = options.workNow ?? now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const idleMs = options.idleMs ?? 1000;
  const database = options.database ?? (config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir));
  const cipher = createDataCipher(resolveDataKey(config));
  await migrateDatabase(database, cipher);
  const db = database.db;
  bindOutboxCipher(db, cipher);
  const policy = loadPolicy(config.policyFile);
  const metrics = createMetrics(async () => {
    const [inbox, outbox] = await Promise.all([countDeliveries(db), getOutboxHealth(db)]);
    return { inbox: inbox.pending, outbox: outbox.pending };
  });
  // A Lark call must give up well before its outbox lease runs out, or two instances would send at once.
  const lark: LarkApi | null = config.lark ? createLarkApi(config.lark, Math.min(15_000, config.outboxLeaseSeconds * 500)) : null;
  let botOpenId: string | null = null;

  const outbox = lark
    ? createOutboxWorker({
        db,
        lark,
        cipher,
        logger,
        metrics,
        now,
        sleep,
        settings: { ...config.rates, leaseMs: config.outboxLeaseSeconds * 1000, batchSize: 50, idleMs },
      })
    : null;
  const imports = lark
    ? createImportWorker({ db, lark, cipher, policy, timeZone: config.timeZone, now: workNow, logger, idleMs, afterCommit: () => outbox?.notify() })
    : null;
  const peopleLookup = lark ? createPeopleLookup({ db, lark, now, logger, idleMs }) : null;
  const membershipSync = lark ? createMembershipSync({ db, lark, intervalMs: config.memberSyncMinutes * 60_000, now, logger, idleMs }) : null;
  const handleMessage = createMessageHandler({
    commands,
    policy,
    cipher,
    timeZone: config.timeZone,
    admins: config.admins,
    botOpenId: () => botOpenId,
    // Sightings of group members are stamped with it too: harmless, as it is `now` but in the
    // sandbox, whose groups never change members.
    now: workNow,
    logger,
  });
  // A reply to a message that was not (or not successfully) handled; member events get none.
  const answerDelivery = async (tx: Database, d: Delivery, text: string) => {
    if (isChatMemberEvent(d.eventType)) return;
    const { message } = MessageEventSchema.parse(d.payload);
    await enqueueOutbound(tx, { kind: 'reply', messageId: message.message_id, chatId: message.chat_id, msgType: 'text', content: JSON.stringify({ text }) });
  };
  const inbox = createInboxWorker({
    db,
    cipher,
    logger,
    now,
    idleMs,
    handle: (tx, d) =>
      isChatMemberEvent(d.eventType) ? applyChatMemberEvent(tx, { eventType: d.eventType, payload: d.payload }, now()) : handleMessage(tx, MessageEventSchema.parse(d.payload)),
    giveUp: (tx, d) => answerDelivery(tx, d, common.deliveryFailed),
    tooFrequent: (tx, d) => answerDelivery(tx, d, common.tooFrequent),
    settings: { maxAttempts: config.inboxMaxAttempts, retryBaseMs: 2000, senderBudget: config.senderBudget },
    afterCommit: () => {
      outbox?.notify();
      imports?.notify();
    },
    observe: (type, seconds) => metrics.processingSeconds.observe({ type }, seconds),
  });
  const handleCardAction = createCardActionRouter({
    actions: cardActions,
    db,
    policy,
    cipher,
    timeZone: config.timeZone,
    admins: config.admins,
    now: workNow,
    logger,
  });
  // One delivery path for both transports: what Lark delivers is stored (or a card press answered) the same way.
  const acceptDelivery = createDeliveryAcceptor({
    storeDelivery: createDeliveryBatcher(db),
    cipher,
    logger,
    metrics,
    handleCardAction,
    onStored: () => inbox.notify(),
  });
  const larkRoutes =
    config.lark?.transport.connection === 'webhook'
      ? createLarkReceiver({
          secrets: { verificationToken: config.lark.verificationToken, encryptKey: config.lark.encryptKey },
          logger,
          metrics,
          now,
          handleCardAction,
          acceptDelivery,
          legacyCardCallbacks: config.legacyCardCallbacks,
        })
      : null;
  const longConnection =
    config.lark?.transport.connection === 'websocket' ? createLongConnection({ lark: config.lark, acceptDelivery, logger, metrics, now }) : null;

  const escalateOnce = async () => {
    const n =
      (await escalateOverdueRechecks(db, { now: workNow(), policy })) +
      (await escalateLateTransfers(db, { now: workNow(), policy, timeZone: config.timeZone })) +
      (await runPushClocks(db, { now: workNow(), policy, timeZone: config.timeZone, cipher }));
    if (n) outbox?.notify();
    return n;
  };
  const escalation = {
    runOnce: escalateOnce,
    ...createWorkerLoop({ name: 'alert-escalation', cycle: escalateOnce, idleMs: Math.max(idleMs, 30_000), logger }),
  };

  const jobRunner = createJobRunner({ db, policy, timeZone: config.timeZone, cipher, now, logger, afterRun: () => outbox?.notify() });
  const scheduler = createScheduler({ jobs, runner: jobRunner, policy, timeZone: config.timeZone, now, logger });

  async function ready() {
    if (!lark || botOpenId) return;
    try {
      botOpenId = await lark.botOpenId();
    } catch (e) {
      // Not fatal: without it the bot treats a leading @-mention as its own.
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'could not read the bot open_id (check LARK_APP_ID/LARK_APP_SECRET)');
    }
  }

  return {
    app: createApp({ db, larkRoutes, metrics, now, connection: longConnection ? () => longConnection.health() : null }),
    database,
    policy,
    cipher,
    metrics,
    inbox,
    outbox,
    imports,
    peopleLookup,
    membershipSync,
    escalation,
    jobRunner,
    scheduler,
    longConnection,
    ready,
    async start() {
      await ready();
      inbox.start();
      outbox?.start();
      imports?.start();
      peopleLookup?.start();
      membershipSync?.start();
      escalation.start();
      await scheduler.start();
      // Last: deliveries should find the workers running.
      longConnection?.start();
    },
    async stop() {
      // First: no new deliveries while the workers finish.
      longConnection?.stop();
      await scheduler.stop();
      await Promise.all([inbox.stop(), outbox?.stop(), imports?.stop(), peopleLookup?.stop(), membershipSync?.stop(), escalation.stop()]);
      await database.close();
    },
  };
}
