import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { inbox } from '../db/schema';

export interface InboxRow {
  id: number;
  eventType: string;
  payloadEnc: string | null;
  attempts: number;
  senderKey: string | null;
}

export interface NewDelivery {
  eventId: string;
  messageId: string | null;
  eventType: string;
  payloadEnc: string;
  /** The chat it came from, for round-robin claiming. */
  chatKey?: string | null;
  /** The sender (messages), for the per-sender budget. */
  senderKey?: string | null;
}

/**
 * Stores accepted deliveries in one statement. Returns, for each input in order, whether it
 * was new: false for a redelivery, by the same event_id or, for messages, the same
 * message_id (Lark asks to dedupe messages on it, not on event_id), including a repeat
 * within the same batch.
 *
 * Each gets its chat's next turn: after the chat's last pending one, and no earlier than
 * the current round (the lowest pending turn), so a quiet chat goes next, not after a
 * flooding chat's backlog.
 */
export async function storeDeliveries(db: Database, input: NewDelivery[]): Promise<boolean[]> {
  if (input.length === 0) return [];
  // Plain SQL: drizzle's insert builder costs several times more CPU per row, on the ack path.
  const rows = rowsOf<{ event_id: string }>(
    await db.execute(sql`
      with input (event_id, message_id, event_type, payload_enc, chat_key, sender_key, ord) as (
        values ${sql.join(
          input.map((d, i) => sql`(${d.eventId}, ${d.messageId}::text, ${d.eventType}, ${d.payloadEnc}, ${d.chatKey ?? null}::text, ${d.senderKey ?? null}::text, ${i}::int)`),
          sql`, `,
        )}
      ),
      round as (select coalesce(min(turn), 1) - 1 as current from inbox where status = 'pending'),
      numbered as (select input.*, row_number() over (partition by chat_key order by ord) as n from input)
      insert into inbox (event_id, message_id, event_type, payload_enc, chat_key, sender_key, turn)
      select event_id, message_id, event_type, payload_enc, chat_key, sender_key,
        greatest(
          (select current from round),
          coalesce((select max(turn) from inbox i where i.chat_key = numbered.chat_key and i.status = 'pending'), 0)
        ) + n
      from numbered order by ord
      on conflict do nothing
      returning event_id`),
  );
  const inserted = new Set(rows.map((r) => r.event_id));
  return input.map((d) => inserted.delete(d.eventId));
}

/**
 * Locks the due delivery with the lowest turn for the caller's transaction. Another worker
 * (in this process or another instance) skips it until the transaction ends.
 */
export async function lockNextDelivery(tx: Database, now: Date): Promise<InboxRow | null> {
  const rows = rowsOf<{ id: string | number; event_type: string; payload_enc: string | null; attempts: number; sender_key: string | null }>(
    await tx.execute(sql`
      select id, event_type, payload_enc, attempts, sender_key from inbox
      where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz)
      order by turn, id limit 1
      for update skip locked`),
  );
  const row = rows[0];
  return row
    ? { id: Number(row.id), eventType: row.event_type, payloadEnc: row.payload_enc, attempts: row.attempts, senderKey: row.sender_key }
    : null;
}

/** Locks one delivery by id (waiting for a worker that holds it), if still pending. */
export async function lockPendingDelivery(tx: Database, id: number): Promise<InboxRow | null> {
  const rows = rowsOf<{ id: string | number; event_type: string; payload_enc: string | null; attempts: number; sender_key: string | null }>(
    await tx.execute(sql`
      select id, event_type, payload_enc, attempts, sender_key from inbox
      where id = ${id} and status = 'pending'
      for update`),
  );
  const row = rows[0];
  return row
    ? { id: Number(row.id), eventType: row.event_type, payloadEnc: row.payload_enc, attempts: row.attempts, senderKey: row.sender_key }
    : null;
}

/** The payload is dropped once processed: it holds personal data as users typed it. */
export async function markProcessed(tx: Database, id: number, now: Date): Promise<void> {
  await tx
    .update(inbox)
    .set({ status: 'done', processedAt: now, payloadEnc: null, lastError: null })
    .where(eq(inbox.id, id));
}

/** A failed attempt: retried at `retryAt`, or (null) set aside for good with its payload dropped. */
export async function markAttemptFailed(
  tx: Database,
  id: number,
  input: { attempts: number; error: string; retryAt: Date | null; now: Date },
): Promise<void> {
  await tx
    .update(inbox)
    .set(
      input.retryAt === null
        ? { status: 'failed', attempts: input.attempts, lastError: input.error, payloadEnc: null, processedAt: input.now }
        : { attempts: input.attempts, lastError: input.error, nextAttemptAt: input.retryAt },
    )
    .where(eq(inbox.id, id));
}

export interface DeliveryCounts {
  pending: number;
  failed: number;
  /** Pending deliveries that have failed at least once and wait for a retry. */
  retrying: number;
  /** Deliveries set aside after their last attempt since `since`. */
  failedRecently: number;
}

export async function countDeliveries(db: Database, since?: Date): Promise<DeliveryCounts> {
  const recent = since ? sql`${inbox.processedAt} >= ${since.toISOString()}::timestamptz` : sql`false`;
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${inbox.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${inbox.status} = 'failed')::int`,
      retrying: sql<number>`count(*) filter (where ${inbox.status} = 'pending' and ${inbox.attempts} > 0)::int`,
      failedRecently: sql<number>`count(*) filter (where ${inbox.status} = 'failed' and ${recent})::int`,
    })
    .from(inbox)
    .where(sql`${inbox.status} in ('pending', 'failed')`);
  return { pending: row?.pending ?? 0, failed: row?.failed ?? 0, retrying: row?.retrying ?? 0, failedRecently: row?.failedRecently ?? 0 };
}

