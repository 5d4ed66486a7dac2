import type { Database } from '../db/client';
import type { LarkCallError } from '../lark/client';
import type { Logger } from '../shared/logger';
import { bringHeldForward, claimProbe, closeOutage, openOutage, takeProbeSlot } from './outage.repository';
import type { ClaimedMessage } from './outbox.repository';

// Three failures in a row with no answer in between: one 502 is a blip, three is Lark down.
export const FAILURES_TO_OPEN = 3;
// Probing every 2 s: Lark answering again is noticed within one idle cycle (1 s) more.
export const PROBE_INTERVAL_MS = 2000;

/**
 * A failure that says nothing reached Lark or Lark itself is broken: a 5xx, a refused or
 * reset connection, no answer in time. A 429 or a Lark error code means Lark is answering.
 */
export function isOutageFailure(err: LarkCallError): boolean {
  if (err.kind !== 'retryable') return false;
  if (err.status !== undefined) return err.status >= 500;
  return err.code === undefined;
}

export interface LarkOutage {
  /** True while Lark is believed down: the outbox sends one probe per interval and nothing else. */
  isOpen(): boolean;
  /** While open: the message to probe with, if the shared probe slot is due; otherwise null. */
  nextProbe(input: { leaseMs: number }): Promise<ClaimedMessage | null>;
  /** The outcome of one Lark call: null when it succeeded, else how it failed. */
  recordCall(failure: LarkCallError | null): Promise<void>;
}

/**
 * Notices that Lark fails for everyone and stops every message from backing off alone: while
 * it is down one real message probes at a fixed interval, and the first answer brings every
 * held message forward at once (issue 16: after a 60 s outage a waiting reply took 60 s more).
 * The open state is shared through the database (see outage.repository.ts), so instances
 * probe in turn, and one instance seeing Lark answer releases the backlog of all.
 */
export function createLarkOutage(deps: {
  db: Database;
  now: () => Date;
  logger: Logger;
  /** Called after the backlog was brought forward: wake the worker. */
  onRecovered: () => void;
  probeIntervalMs?: number;
}): LarkOutage {
  const { db, now, logger } = deps;
  const probeIntervalMs = deps.probeIntervalMs ?? PROBE_INTERVAL_MS;
  let failuresInRow = 0;
  let openSince: Date | null = null;
  // A row left by a crashed instance (or one that saw the outage alone) is cleared by the first answer here.
  let sharedMayBeOpen = true;

  async function close(reason: string) {
    const since = openSince;
    openSince = null;
    sharedMayBeOpen = false;
    await closeOutage(db);
    const held = await bringHeldForward(db, now());
    if (since || held > 0) {
      logger.info({ outageSeconds: since ? Math.round((now().getTime() - since.getTime()) / 1000) : undefined, broughtForward: held, reason }, 'Lark answers again: held messages are being delivered');
    }
    deps.onRecovered();
  }

  return {
    isOpen: () => openSince !== null,
    async nextProbe({ leaseMs }) {
      const slot = await takeProbeSlot(db, { now: now(), probeIntervalMs });
      if (!slot.open) {
        await close('another instance saw Lark answer');
        return null;
      }
      return slot.probe ? claimProbe(db, { now: now(), leaseMs }) : null;
    },
    async recordCall(failure) {
      if (!failure || !isOutageFailure(failure)) {
        // Delivered, refused or rate-limited: any of these means Lark is answering.
        failuresInRow = 0;
        if (openSince || sharedMayBeOpen) await close('a call was answered');
        return;
      }
      failuresInRow += 1;
      if (openSince || failuresInRow < FAILURES_TO_OPEN) return;
      openSince = now();
      sharedMayBeOpen = true;
      await openOutage(db, { now: now(), probeIntervalMs });
      logger.warn(
        { failuresInRow, probeIntervalMs },
        'Lark is not answering (5xx or no connection): the outbox holds its messages and probes with one at a time; check this machine’s network and proxy settings towards LARK_DOMAIN',
      );
    },
  };
}
