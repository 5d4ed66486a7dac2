import type { Database } from '../db/client';
import { LarkCallError, type LarkApi } from '../lark/client';
import type { Metrics } from '../metrics';
import { clearUnreachable, recordUnreachable, UNREACHABLE_CODES } from '../services/unreachable-chats';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { createLarkOutage } from './lark-outage';
import { OutboundOperationSchema, type OutboundOperation, targetOf } from './operations';
import { claimOutbound, type ClaimedMessage, getLarkMessageId, markDelivered, markFailed, releaseUntil } from './outbox.repository';
import { holdUntil, type RateKey, reserveSendSlot } from './rate-limiter';

// Lark codes meaning the message replied to no longer exists: send to the chat instead.
const REPLY_TARGET_GONE = new Set([230011, 231003, 230110]);
// Lark's per-chat limit answer (230020) holds the chat; the app-wide one (99991400) holds everything.
const CHAT_RATE_LIMITED = new Set([230020, 11233]);
// A rate-limit wait this short is slept through while holding the lease; longer ones give the message back.
const MAX_INLINE_WAIT_MS = 2000;
// Slots are exact but requests reach Lark with varying delay, and Lark counts arrivals in
// a sliding second: 2 % spacing headroom absorbs 20 ms of jitter per second.
const JITTER_HEADROOM = 1.02;
const LATE_WAKE_TOLERANCE_MS = 20;
const MAX_BOOKINGS = 3;

export interface OutboxSettings {
  perChatPerSecond: number;
  perAppPerSecond: number;
  leaseMs: number;
  batchSize: number;
  idleMs: number;
  /** Fixed interval of the probes while Lark is down (default lark-outage.ts PROBE_INTERVAL_MS). */
  probeIntervalMs?: number;
}

export interface OutboxWorker extends WorkerLoop {
  /** Delivers what is due now; returns how many messages were attempted. */
  drainOnce(): Promise<number>;
  /** Whether this instance believes Lark is down (sending only probes). */
  isLarkDown(): boolean;
}

/**
 * Delivers the outbox: in order per chat, within Lark's rate limits (shared by all
 * instances through the database), retrying what a retry can fix with backoff and jitter,
 * and recording what it cannot (a chat that removed the bot is reported to HQ once).
 */
export function createOutboxWorker(deps: {
  db: Database;
  lark: LarkApi;
  cipher: DataCipher;
  logger: Logger;
  metrics: Metrics;
  settings: OutboxSettings;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}): OutboxWorker {
  const { db, lark, logger, metrics, settings, now } = deps;
  const appKey: RateKey = { key: 'app', intervalMs: (1000 / settings.perAppPerSecond) * JITTER_HEADROOM };
  const outage = createLarkOutage({ db, now, logger, onRecovered: () => loop.notify(), probeIntervalMs: settings.probeIntervalMs });
  const chatKey = (target: string): RateKey => ({ key: `chat:${target}`, intervalMs: (1000 / settings.perChatPerSecond) * JITTER_HEADROOM });

  // One reservation at a time per process: a crowd of them would queue on the same row lock
  // in Postgres, and each would learn its slot only after the others, too late to keep it.
  let reservations: Promise<unknown> = Promise.resolve();
  function reserveInTurn(keys: RateKey[]) {
    const turn = reservations.then(async () => {
      const asked = now();
      return { asked, ...(await reserveSendSlot(db, keys, asked, MAX_INLINE_WAIT_MS)) };
    });
    reservations = turn.catch(() => {});
    return turn;
  }

  async function waitForSlot(msg: ClaimedMessage, target: string): Promise<boolean> {
    for (let booking = 1; ; booking++) {
      const { asked, reserved, waitMs } = await reserveInTurn([appKey, chatKey(target)]);
      const slot = asked.getTime() + waitMs;
      if (!reserved) {
        await releaseUntil(db, msg.id, { at: new Date(slot) });
        return false;
      }
      // A reservation that took until (or past) its slot sends at once: rebooking then would
      // only push every waiting sender further back, and under contention never end.
      const sleepMs = slot - now().getTime();
      if (sleepMs <= 0) return true;
      await deps.sleep(sleepMs);
      // Woken late by a busy event loop: sending now would bunch up with the next slots'
      // senders, so book again (a few times at most).
      if (now().getTime() - slot <= LATE_WAKE_TOLERANCE_MS || booking >= MAX_BOOKINGS) return true;
    }
  }

  async function deliver(msg: ClaimedMessage): Promise<void> {
    const parsed = OutboundOperationSchema.safeParse(msg.operation);
    if (!parsed.success) {
      await markFailed(db, msg.id, { error: 'invalid operation', code: undefined, now: now() });
      return;
    }
    const op = parsed.data;
    const target = targetOf(op);
    if (!(await waitForSlot(msg, target))) return;
    try {
      const messageId = await perform(op, `hw-${msg.id}`);
      if (messageId === null) {
        // A patch of a card that is not sent yet: try again shortly.
        await releaseUntil(db, msg.id, { at: new Date(now().getTime() + 1000) });
        return;
      }
      await db.transaction(async (tx) => {
        await markDelivered(tx, msg.id, messageId, now());
        await clearUnreachable(tx, target);
      });
      metrics.messagesDelivered.inc({ kind: op.kind });
    } catch (e) {
      if (e instanceof LarkCallError) await outage.recordCall(e);
      await recordFailure(msg, target, e instanceof LarkCallError ? e : new LarkCallError('retryable', undefined, undefined, String(e)));
      return;
    }
    await outage.recordCall(null);
  }

  async function recordFailure(msg: ClaimedMessage, target: string, err: LarkCallError) {
    const code = err.code ?? err.status;
    metrics.sendFailures.inc({ code: String(code ?? 'network'), outcome: err.kind === 'permanent' ? 'failed' : 'retry' });
    if (err.kind === 'permanent') {
      logger.warn({ outboxId: msg.id, code }, 'outbox message not deliverable');
      await db.transaction(async (tx) => {
        await markFailed(tx, msg.id, { error: err.message, code: err.code, now: now() });
        if (err.code !== undefined && UNREACHABLE_CODES.has(err.code)) await recordUnreachable(tx, { target, code: err.code });
      });
      return;
    }
    const delay = err.retryAfterMs ?? backoffMs(msg.attempts);
    const until = new Date(now().getTime() + delay);
    if (err.retryAfterMs !== undefined || err.code === 99991400) await holdUntil(db, appKey.key, until);
    if (err.code !== undefined && CHAT_RATE_LIMITED.has(err.code)) await holdUntil(db, chatKey(target).key, until);
    logger.info({ outboxId: msg.id, code, delay }, 'outbox delivery will be retried');
    await releaseUntil(db, msg.id, { at: until, failure: { error: err.message, code: err.code } });
  }

  /** Performs one operation; null means "not possible yet" (a patch whose card is still queued). */
  async function perform(op: OutboundOperation, uuid: string): Promise<string | null> {
    switch (op.kind) {
      case 'send':
        return (await lark.send({ receiveIdType: op.receiveIdType, receiveId: op.receiveId, msgType: op.msgType, content: op.content, uuid })).messageId;
      case 'reply':
        try {
          return (await lark.reply({ messageId: op.messageId, msgType: op.msgType, content: op.content, uuid })).messageId;
        } catch (e) {
          if (!(e instanceof LarkCallError && e.code !== undefined && REPLY_TARGET_GONE.has(e.code))) throw e;
          return (await lark.send({ receiveIdType: 'chat_id', receiveId: op.chatId, msgType: op.msgType, content: op.content, uuid })).messageId;
        }
      case 'patch': {
        let messageId = op.messageId;
        if (!messageId && op.outboxId !== undefined) {
          const sent = await getLarkMessageId(db, op.outboxId);
          if (sent?.status === 'failed' || !sent) throw new LarkCallError('permanent', undefined, undefined, 'the card to update was never sent');
          if (!sent.larkMessageId) return null;
          messageId = sent.larkMessageId;
        }
        await lark.patch({ messageId: messageId!, content: op.content });
        return messageId!;
      }
      case 'file': {
        const data = Buffer.from(deps.cipher.decrypt(op.sealedData), 'base64');
        const { fileKey } = await lark.uploadFile({ fileType: op.fileType, fileName: op.fileName, data });
        const content = JSON.stringify({ file_key: fileKey });
        return (await lark.send({ receiveIdType: op.receiveIdType, receiveId: op.receiveId, msgType: 'file', content, uuid })).messageId;
      }
    }
  }

  // Claimed messages whose outcome could not be written (the database was away): handed
  // back as soon as it answers again, rather than after their lease. A resend is harmless:
  // Lark drops a repeated uuid, and a message already marked delivered is not claimed again.
  const unsettled = new Set<number>();

  async function drainOnce(): Promise<number> {
    for (const id of unsettled) {
      await releaseUntil(db, id, { at: now() });
      unsettled.delete(id);
    }
    // While Lark is down only the probe goes; every other message waits for its answer.
    const probe = outage.isOpen() ? await outage.nextProbe({ leaseMs: settings.leaseMs }) : null;
    if (outage.isOpen() && !probe) return 0;
    const batch = probe ? [probe] : await claimOutbound(db, { limit: settings.batchSize, now: now(), leaseMs: settings.leaseMs });
    await Promise.all(
      batch.map((msg) =>
        deliver(msg).catch((e: unknown) => {
          unsettled.add(msg.id);
          throw e;
        }),
      ),
    );
    return batch.length;
  }

  // Two lanes: while one waits for the last answers of its batch, the other's messages
  // already hold the next send slots, so no slot goes unused between batches.
  const loop = createWorkerLoop({ name: 'outbox', cycle: drainOnce, idleMs: settings.idleMs, logger, lanes: 2 });
  return { drainOnce, isLarkDown: () => outage.isOpen(), ...loop };
}

/** Exponential backoff with jitter (between half and all of 2^attempts s), capped at five minutes. */
export function backoffMs(attempts: number): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.min(attempts, 10));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
