import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { outbox } from '../db/schema';
import { type OutboundOperation, targetOf } from './operations';
import { openOperation, outboxCipher, sealOperation } from './outbox-sealing';

export interface ClaimedMessage {
  id: number;
  operation: unknown;
  attempts: number;
}

/**
 * Writes a message we owe a user, its content sealed; call it inside the transaction of the
 * change that causes it.
 */
export async function enqueueOutbound(db: Database, op: OutboundOperation): Promise<number> {
  const { operation, contentEnc } = sealOperation(outboxCipher(db), op);
  const [row] = await db.insert(outbox).values({ target: targetOf(op), operation, contentEnc }).returning({ id: outbox.id });
  return row!.id;
}

/**
 * Leases up to `limit` deliverable messages: the oldest pending one of each target, so a
 * chat's messages go out in order. The lease (not a long transaction) keeps other workers
 * off them while the HTTP call runs; if this process dies the lease runs out and another
 * worker delivers (Lark's uuid makes that repeat harmless).
 */
export async function claimOutbound(db: Database, input: { limit: number; now: Date; leaseMs: number }): Promise<ClaimedMessage[]> {
  const now = input.now.toISOString();
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const rows = await db.execute(sql`
    update outbox set lease_until = ${leaseUntil}::timestamptz
    where id in (
      select o.id from outbox o
      where o.status = 'pending'
        and (o.next_attempt_at is null or o.next_attempt_at <= ${now}::timestamptz)
        and (o.lease_until is null or o.lease_until < ${now}::timestamptz)
        and not exists (select 1 from outbox p where p.target = o.target and p.status = 'pending' and p.id < o.id)
      order by o.id
      limit ${input.limit}
      for update skip locked
    )
    returning id, operation, content_enc, attempts`);
  const cipher = outboxCipher(db);
  return rowsOf<{ id: string | number; operation: unknown; content_enc: string | null; attempts: number }>(rows)
    .map((r) => ({ id: Number(r.id), operation: openOperation(cipher, r.operation, r.content_enc), attempts: r.attempts }))
    .sort((a, b) => a.id - b.id);
}

/** Delivered: what it said is dropped (Lark has it now); where it went stays until retention deletes the row. */
export async function markDelivered(db: Database, id: number, larkMessageId: string, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'delivered', deliveredAt: now, larkMessageId, contentEnc: null, leaseUntil: null, lastError: null, lastErrorCode: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')));
}

/** Gives the message back to the queue until `at`; a failure counts as an attempt, a rate-limit wait does not. */
export async function releaseUntil(
  db: Database,
  id: number,
  input: { at: Date; failure?: { error: string; code: number | undefined } },
): Promise<void> {
  await db
    .update(outbox)
    .set({
      nextAttemptAt: input.at,
      leaseUntil: null,
      ...(input.failure
        ? { attempts: sql`${outbox.attempts} + 1`, lastError: input.failure.error, lastErrorCode: input.failure.code ?? null }
        : {}),
    })
    .where(eq(outbox.id, id));
}

export async function markFailed(db: Database, id: number, input: { error: string; code: number | undefined; now: Date }): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: 'failed',
      leaseUntil: null,
      attempts: sql`${outbox.attempts} + 1`,
      lastError: input.error,
      lastErrorCode: input.code ?? null,
      failedAt: input.now,
    })
    .where(eq(outbox.id, id));
}

export async function getLarkMessageId(db: Database, outboxId: number): Promise<{ status: string; larkMessageId: string | null } | null> {
  const [row] = await db.select({ status: outbox.status, larkMessageId: outbox.larkMessageId }).from(outbox).where(eq(outbox.id, outboxId));
  return row ?? null;
}

export interface OutboxHealth {
  pending: number;
  oldestPendingAt: Date | null;
}

export async function getOutboxHealth(db: Database): Promise<OutboxHealth> {
  const [row] = await db
    .select({ pending: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${outbox.createdAt})` })
    .from(outbox)
    .where(eq(outbox.status, 'pending'));
  return { pending: row?.pending ?? 0, oldestPendingAt: row?.oldest ? new Date(row.oldest) : null };
}

export async function listRecentFailures(db: Database, since: Date, limit = 5) {
  return db
    .select({ id: outbox.id, target: outbox.target, code: outbox.lastErrorCode, error: outbox.lastError, failedAt: outbox.failedAt })
    .from(outbox)
    .where(and(eq(outbox.status, 'failed'), sql`${outbox.failedAt} >= ${since.toISOString()}::timestamptz`))
    .orderBy(desc(outbox.failedAt))
    .limit(limit);
}

export async function countFailuresByCode(db: Database, since: Date): Promise<{ code: number | null; n: number }[]> {
  return db
    .select({ code: outbox.lastErrorCode, n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.status, 'failed'), sql`${outbox.failedAt} >= ${since.toISOString()}::timestamptz`))
    .groupBy(outbox.lastErrorCode);
}
