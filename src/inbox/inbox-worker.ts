import type { Database } from '../db/client';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { lockNextDelivery, markAttemptFailed, markProcessed } from './inbox.repository';

/** Handles one stored delivery inside the caller's transaction. */
export type DeliveryHandler = (tx: Database, delivery: { eventType: string; payload: unknown }) => Promise<void>;
/** Called in the same transaction when a delivery has failed for good (e.g. to apologise to the user). */
export type GiveUpHandler = (tx: Database, delivery: { eventType: string; payload: unknown }) => Promise<void>;

const MAX_ATTEMPTS = 3;

export interface InboxWorker extends WorkerLoop {
  /** Processes every due delivery; returns how many were handled. */
  drain(): Promise<number>;
}

export function createInboxWorker(deps: {
  db: Database;
  cipher: DataCipher;
  logger: Logger;
  handle: DeliveryHandler;
  giveUp: GiveUpHandler;
  afterCommit?: () => void;
  /** Seconds per processed delivery, for the metrics. */
  observe?: (eventType: string, seconds: number) => void;
  now: () => Date;
  idleMs: number;
}): InboxWorker {
  const { db, cipher, logger } = deps;

  /**
   * One delivery, one transaction: its state changes, its outbox messages and its "done"
   * mark commit together, so a crash at any point leaves it pending and it runs once later.
   */
  async function processOne(): Promise<boolean> {
    const found = await db.transaction(async (tx) => {
      const row = await lockNextDelivery(tx, deps.now());
      if (!row) return false;
      const delivery = { eventType: row.eventType, payload: JSON.parse(cipher.decrypt(row.payloadEnc)) as unknown };
      const started = Date.now();
      try {
        // A savepoint, so a failing handler's partial writes are undone but the failure is still recorded.
        await tx.transaction((sp) => deps.handle(sp, delivery));
        await markProcessed(tx, row.id, deps.now());
        deps.observe?.(row.eventType, (Date.now() - started) / 1000);
      } catch (e) {
        const attempts = row.attempts + 1;
        const finalAttempt = attempts >= MAX_ATTEMPTS;
        logger.error({ inboxId: row.id, attempts, err: e instanceof Error ? e.message : String(e) }, 'delivery processing failed');
        if (finalAttempt) await deps.giveUp(tx, delivery);
        await markAttemptFailed(tx, row.id, {
          attempts,
          error: e instanceof Error ? e.message : String(e),
          retryAt: finalAttempt ? null : new Date(deps.now().getTime() + 2000 * attempts),
          now: deps.now(),
        });
      }
      return true;
    });
    if (found) deps.afterCommit?.();
    return found;
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
