import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import type { ClaimedMessage } from './outbox.repository';
import { openOperation, outboxCipher } from './outbox-sealing';

/**
 * The shared outage state lives in rate_limits under this key: present while some instance
 * believes Lark is down, its time the next moment a probe may go. One row, no migration, and
 * every instance sees the same probe schedule and the same recovery.
 */
export const OUTAGE_KEY = 'outage:lark';

/** Marks Lark as down (if no instance has yet); the first probe may go `probeIntervalMs` from now. */
export async function openOutage(db: Database, input: { now: Date; probeIntervalMs: number }): Promise<void> {
  const firstProbe = new Date(input.now.getTime() + input.probeIntervalMs).toISOString();
  await db.execute(sql`
    insert into rate_limits (key, next_allowed_at) values (${OUTAGE_KEY}, ${firstProbe}::timestamptz)
    on conflict (key) do nothing`);
}

/**
 * Takes the probe slot if it is due (one probe per interval across all instances).
 * `open: false` means no instance believes Lark is down any more: another one saw it answer.
 */
export async function takeProbeSlot(db: Database, input: { now: Date; probeIntervalMs: number }): Promise<{ open: boolean; probe: boolean }> {
  const now = input.now.toISOString();
  const next = new Date(input.now.getTime() + input.probeIntervalMs).toISOString();
  const [row] = rowsOf<{ open: boolean; probe: boolean }>(
    await db.execute(sql`
      with taken as (
        update rate_limits set next_allowed_at = ${next}::timestamptz
        where key = ${OUTAGE_KEY} and next_allowed_at <= ${now}::timestamptz
        returning key
      )
      select exists (select 1 from rate_limits where key = ${OUTAGE_KEY}) as open,
             exists (select 1 from taken) as probe`),
  );
  return { open: Boolean(row?.open), probe: Boolean(row?.probe) };
}

/** Lark answered: clears the shared state. */
export async function closeOutage(db: Database): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${OUTAGE_KEY}`);
}

/**
 * Leases a message that heads its chat's queue, whatever its backoff: the probe is a real
 * message, so the first answer from Lark already delivers something. The one waiting longest
 * for its retry goes first, so probes take turns: one message whose call always fails cannot
 * hold the outage open for everyone.
 */
export async function claimProbe(db: Database, input: { now: Date; leaseMs: number }): Promise<ClaimedMessage | null> {
  const now = input.now.toISOString();
  const leaseUntil = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const [row] = rowsOf<{ id: string | number; operation: unknown; content_enc: string | null; attempts: number }>(
    await db.execute(sql`
      update outbox set lease_until = ${leaseUntil}::timestamptz
      where id = (
        select o.id from outbox o
        where o.status = 'pending'
          and (o.lease_until is null or o.lease_until < ${now}::timestamptz)
          and not exists (select 1 from outbox p where p.target = o.target and p.status = 'pending' and p.id < o.id)
        order by o.next_attempt_at nulls first, o.id
        limit 1
        for update skip locked
      )
      returning id, operation, content_enc, attempts`),
  );
  return row ? { id: Number(row.id), operation: openOperation(outboxCipher(db), row.operation, row.content_enc), attempts: row.attempts } : null;
}

/**
 * Makes every message held back by a failed attempt due now. Order and rate limits are not
 * this query's business: claiming still takes only the head of each chat, and every send
 * still books its slot, so the backlog goes out as fast as the limits allow and no faster.
 */
export async function bringHeldForward(db: Database, now: Date): Promise<number> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      update outbox set next_attempt_at = ${now.toISOString()}::timestamptz
      where status = 'pending' and attempts > 0 and next_attempt_at > ${now.toISOString()}::timestamptz
      returning id`),
  );
  return rows.length;
}
