import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { type PushBatchRecord, pushBatches, pushCards, type PushRowRecord, pushRows, type PushRowStatus } from '../schema';

export type { PushBatchRecord, PushRowRecord };

export async function getBatch(db: Database, id: number): Promise<PushBatchRecord | null> {
  return (await db.select().from(pushBatches).where(eq(pushBatches.id, id)))[0] ?? null;
}

/** The ID hashes already pushed in the batch named `key` (a second /下发 of the same list). */
export async function pushedHashes(db: Database, key: string): Promise<Set<string>> {
  const rows = await db
    .select({ hash: pushRows.idNumberHash })
    .from(pushRows)
    .innerJoin(pushBatches, eq(pushBatches.id, pushRows.batchId))
    .where(eq(pushBatches.key, key));
  return new Set(rows.map((r) => r.hash));
}

/** The batch named `key`, made now unless an earlier /下发 made it (then its deadline stands). */
export async function openBatch(db: Database, input: Omit<typeof pushBatches.$inferInsert, 'id'>): Promise<PushBatchRecord> {
  await db.insert(pushBatches).values(input).onConflictDoNothing({ target: pushBatches.key });
  return (await db.select().from(pushBatches).where(eq(pushBatches.key, input.key)))[0]!;
}

export async function setBatchCard(db: Database, batchId: number, outboxId: number): Promise<void> {
  await db.update(pushBatches).set({ batchCardOutboxId: outboxId }).where(eq(pushBatches.id, batchId));
}

/** Rows of a person already in the batch are left out (the unique batch + ID hash); returns those added. */
export async function addRows(db: Database, rows: (typeof pushRows.$inferInsert)[]): Promise<PushRowRecord[]> {
  if (rows.length === 0) return [];
  return db.insert(pushRows).values(rows).onConflictDoNothing({ target: [pushRows.batchId, pushRows.idNumberHash] }).returning();
}

/** The row locked for a decision: two presses on the same row wait for each other. */
export async function lockRow(db: Database, id: number): Promise<PushRowRecord | null> {
  return (await db.select().from(pushRows).where(eq(pushRows.id, id)).for('update'))[0] ?? null;
}

export async function listBatchRows(db: Database, batchId: number): Promise<PushRowRecord[]> {
  return db.select().from(pushRows).where(eq(pushRows.batchId, batchId)).orderBy(asc(pushRows.rowNo));
}

/** A village's card: its rows, and those it passed on (shown as 已转交); the work left first. */
export async function listVillageRows(db: Database, batchId: number, villageId: number): Promise<PushRowRecord[]> {
  return db
    .select()
    .from(pushRows)
    .where(and(eq(pushRows.batchId, batchId), or(eq(pushRows.villageId, villageId), and(eq(pushRows.forwardedFrom, villageId), sql`${pushRows.villageId} is distinct from ${villageId}`))))
    .orderBy(sql`${pushRows.villageId} = ${villageId} and ${pushRows.status} = 'pending' desc`, asc(pushRows.rowNo));
}

export async function decideRow(
  db: Database,
  id: number,
  input: { status: Exclude<PushRowStatus, 'pending'>; caseId?: number | null; awayReason?: string | null; note?: string | null; by: string; at: Date },
): Promise<PushRowRecord | null> {
  const rows = await db
    .update(pushRows)
    .set({ status: input.status, caseId: input.caseId ?? null, awayReason: input.awayReason ?? null, note: input.note ?? null, decidedBy: input.by, decidedAt: input.at })
    .where(and(eq(pushRows.id, id), eq(pushRows.status, 'pending')))
    .returning();
  return rows[0] ?? null;
}

/** To another village (转交), or to its first one (the lead assigns an unassigned row). */
export async function moveRow(db: Database, row: PushRowRecord, villageId: number): Promise<PushRowRecord> {
  const rows = await db
    .update(pushRows)
    .set({ villageId, forwardedFrom: row.villageId ?? row.forwardedFrom })
    .where(eq(pushRows.id, row.id))
    .returning();
  return rows[0]!;
}

export async function addCardCopy(db: Database, input: { batchId: number; villageId: number; chatId: string; outboxId: number }): Promise<void> {
  await db.insert(pushCards).values(input);
}

export async function cardCopies(db: Database, batchId: number, villageId: number): Promise<{ chatId: string; outboxId: number }[]> {
  return db.select({ chatId: pushCards.chatId, outboxId: pushCards.outboxId }).from(pushCards).where(and(eq(pushCards.batchId, batchId), eq(pushCards.villageId, villageId)));
}

/**
 * Batches whose clock has something due: a reminder (the deadline within one of `hours` and
 * not yet reminded at it), the deadline passed and not reported, or every row checked and the
 * result not sent. Locked with SKIP LOCKED: two instances never tell twice.
 */
export async function lockBatchesDue(db: Database, input: { now: Date; hours: number[] }, limit = 20): Promise<PushBatchRecord[]> {
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const hours = input.hours.length ? sql.join(input.hours.map((h) => sql`${h}::float8`), sql`, `) : sql`null::float8`;
  const ids = rowsOf<{ id: number }>(
    await db.execute(sql`
      select b.id from push_batches b
      where (b.deadline_reported_at is null and b.deadline <= ${now})
         or (b.result_sent_at is null and not exists (select 1 from push_rows r where r.batch_id = b.id and r.status = 'pending'))
         or (b.deadline_reported_at is null and exists (
               select 1 from unnest(array[${hours}]) as h(hours)
               where (b.reminded_hours is null or h.hours < b.reminded_hours) and b.deadline - make_interval(secs => h.hours * 3600) <= ${now})
             and exists (select 1 from push_rows r where r.batch_id = b.id and r.status = 'pending'))
      order by b.id limit ${limit}
      for update skip locked`),
  ).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(pushBatches).where(inArray(pushBatches.id, ids));
}

export async function markBatch(db: Database, id: number, set: Partial<Pick<PushBatchRecord, 'remindedHours' | 'deadlineReportedAt' | 'resultSentAt'>>): Promise<void> {
  await db.update(pushBatches).set(set).where(eq(pushBatches.id, id));
}

/** Rows still unchecked whose batch's deadline fell on the day (the 督导通报's 漏核查), by village (null: never assigned). */
export async function uncheckedByVillage(db: Database, input: { from: Date; to: Date }): Promise<{ villageId: number | null; n: number }[]> {
  const rows = await db
    .select({ villageId: pushRows.villageId, n: sql<number>`count(*)::int` })
    .from(pushRows)
    .innerJoin(pushBatches, eq(pushBatches.id, pushRows.batchId))
    .where(and(eq(pushRows.status, 'pending'), sql`${pushBatches.deadline} > ${input.from.toISOString()}::timestamptz and ${pushBatches.deadline} <= ${input.to.toISOString()}::timestamptz`))
    .groupBy(pushRows.villageId);
  return rows;
}

