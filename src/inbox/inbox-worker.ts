import type { Database } from '../db/client';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { describeFailure } from './describe-failure';
import { lockNextDelivery, lockPendingDelivery, markAttemptFailed, markProcessed, type InboxRow } from './inbox.repository';
import { normaliseDelivery } from './normalise-text';
import { type SenderBudgetSettings, takeSenderBudget } from './sender-budget';

export interface Delivery {
  eventType: string;
  payload: unknown;
}

/** Handles one stored delivery inside the caller's transaction. */
export type DeliveryHandler = (tx: Database, delivery: Delivery) => Promise<void>;
/** Answers a delivery without handling it (given up, or over its sender's budget), in the given transaction. */
export type DeliveryAnswer = (tx: Database, delivery: Delivery) => Promise<void>;

export interface InboxSettings {
  /** Attempts before a delivery is set aside and answered with an apology. */
  maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  retryBaseMs: number;
  /** Per-sender budget; null: none. */
  senderBudget: SenderBudgetSettings | null;
}

const MAX_RETRY_DELAY_MS = 10 * 60_000;

export interface InboxWorker extends WorkerLoop {
  /** Processes every due delivery; returns how many were handled. */
  drain(): Promise<number>;
}

export function createInboxWorker(deps: {
  db: Database;
  cipher: DataCipher;
  logger: Logger;
  handle: DeliveryHandler;
  giveUp: DeliveryAnswer;
  /** Tells a sender over budget to slow down. */
  tooFrequent: DeliveryAnswer;
  settings: InboxSettings;
  afterCommit?: () => void;
  /** Seconds per processed delivery, for the metrics. */
  observe?: (eventType: string, seconds: number) => void;
  now: () => Date;
  idleMs: number;
}): InboxWorker {
  const { db, cipher, logger, settings } = deps;

  const decode = (row: InboxRow): Delivery => ({
    eventType: row.eventType,
    // Normalised here, on the one path every delivery takes (and rows stored before the
    // normalisation existed), so nothing a user typed can make the writes below fail.
    payload: normaliseDelivery(JSON.parse(cipher.decrypt(row.payloadEnc ?? '')) as unknown),
  });

  /**
   * One delivery, one transaction: its state changes, its outbox messages and its "done"
   * mark commit together, so a crash at any point leaves it pending and it runs once later.
   * A failure rolls all of that back and is recorded by recordFailure in a transaction of
   * its own, so the attempt is counted even when the failure poisoned the first one.
   */
  async function processOne(): Promise<boolean> {
    let claimed: InboxRow | null = null;
    const started = Date.now();
    try {
      await db.transaction(async (tx) => {
        const row = await lockNextDelivery(tx, deps.now());
        if (!row) return;
        claimed = row;
        const delivery = decode(row);
        const budget = row.senderKey && settings.senderBudget ? await takeSenderBudget(tx, row.senderKey, deps.now(), settings.senderBudget) : 'handle';
        if (budget === 'handle') await deps.handle(tx, delivery);
        else if (budget === 'refuse_and_warn') await deps.tooFrequent(tx, delivery);
        await markProcessed(tx, row.id, deps.now());
      });
    } catch (e) {
      if (!claimed) throw e;
      await recordFailure((claimed as InboxRow).id, e);
    }
    if (!claimed) return false;
    deps.observe?.((claimed as InboxRow).eventType, (Date.now() - started) / 1000);
    deps.afterCommit?.();
    return true;
  }

  async function recordFailure(id: number, e: unknown): Promise<void> {
    const error = describeFailure(e);
    await db.transaction(async (tx) => {
      const row = await lockPendingDelivery(tx, id);
      if (!row) return;
      const attempts = row.attempts + 1;
      const final = attempts >= settings.maxAttempts;
      logger.error({ inboxId: id, attempts, final, err: error }, 'delivery processing failed');
      if (final) await answerGivenUp(tx, row);
      const delay = Math.min(MAX_RETRY_DELAY_MS, settings.retryBaseMs * 2 ** (attempts - 1));
      await markAttemptFailed(tx, id, { attempts, error, retryAt: final ? null : new Date(deps.now().getTime() + delay), now: deps.now() });
    });
  }

  /** The apology is best effort: a payload that cannot even be read is set aside unanswered. */
  async function answerGivenUp(tx: Database, row: InboxRow): Promise<void> {
    try {
      await tx.transaction((sp) => deps.giveUp(sp, decode(row)));
    } catch (e) {
      logger.error({ inboxId: row.id, err: describeFailure(e) }, 'could not answer a delivery that was given up');
    }
  }

  async function drain(): Promise<number> {
    let n = 0;
    while (await processOne()) n++;
    return n;
  }

  // One delivery per cycle, so stop() waits for at most one transaction, not for a backlog.
  const loop = createWorkerLoop({ name: 'inbox', cycle: async () => ((await processOne()) ? 1 : 0), idleMs: deps.idleMs, logger });
  return { drain, ...loop };
}
