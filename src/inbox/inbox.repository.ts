import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { inbox } from '../db/schema';

export interface InboxRow {
  id: number;
  eventType: string;
  payloadEnc: string;
  attempts: number;
}

export interface NewDelivery {
  eventId: string;
  messageId: string | null;
  eventType: string;
  payloadEnc: string;
}

/**
 * Stores accepted deliveries in one statement. Returns, for each input in order, whether it
 * was new: false for a redelivery, by the same event_id or, for messages, the same
 * message_id (Lark asks to dedupe messages on it, not on event_id), including a repeat
 * within the same batch.
 */
export async function storeDeliveries(db: Database, input: NewDelivery[]): Promise<boolean[]> {
  if (input.length === 0) return [];
  // Plain SQL: drizzle's insert builder costs several times more CPU per row, on the ack path.
  const rows = rowsOf<{ event_id: string }>(
    await db.execute(sql`
      insert into inbox (event_id, message_id, event_type, payload_enc)
      values ${sql.join(
        input.map((d) => sql`(${d.eventId}, ${d.messageId}, ${d.eventType}, ${d.payloadEnc})`),
        sql`, `,
      )}
      on conflict do nothing
      returning event_id`),
  );
  const inserted = new Set(rows.map((r) => r.event_id));
  return input.map((d) => inserted.delete(d.eventId));
}

/**
 * Locks the oldest due delivery for the caller's transaction. Another worker (in this
 * process or another instance) skips it until the transaction ends.
 */
export async function lockNextDelivery(tx: Database, now: Date): Promise<InboxRow | null> {
  const rows = rowsOf<{ id: string | number; event_type: string; payload_enc: string; attempts: number }>(
    await tx.execute(sql`
      select id, event_type, payload_enc, attempts from inbox
      where status = 'pending' and (next_attempt_at is null or next_attempt_at <= ${now.toISOString()}::timestamptz)
      order by id limit 1
      for update skip locked`),
  );
  const row = rows[0];
  return row ? { id: Number(row.id), eventType: row.event_type, payloadEnc: row.payload_enc, attempts: row.attempts } : null;
}

/** The payload is dropped once processed: it holds personal data as users typed it. */
export async function markProcessed(tx: Database, id: number, now: Date): Promise<void> {
  await tx
    .update(inbox)
    .set({ status: 'done', processedAt: now, payloadEnc: null, lastError: null })
    .where(eq(inbox.id, id));
}

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

export async function countDeliveries(db: Database): Promise<{ pending: number; failed: number }> {
  const rows = await db
    .select({ status: inbox.status, n: sql<number>`count(*)::int` })
    .from(inbox)
    .where(sql`${inbox.status} in ('pending', 'failed')`)
    .groupBy(inbox.status);
  return {
    pending: rows.find((r) => r.status === 'pending')?.n ?? 0,
    failed: rows.find((r) => r.status === 'failed')?.n ?? 0,
  };
}
