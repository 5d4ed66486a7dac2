import { sql } from 'drizzle-orm';
import { PURGED } from '../../shared/data-cipher';
import type { Database } from '../client';
import { rowsOf } from '../rows';

const count = (result: unknown) => rowsOf<{ n: number }>(result)[0]?.n ?? 0;

/** Deliveries processed (or given up) before `before`: only their event id kept them from being handled twice. */
export async function deleteProcessedInbox(db: Database, before: Date): Promise<number> {
  return count(await db.execute(sql`
    with gone as (delete from inbox where status <> 'pending' and processed_at < ${before.toISOString()}::timestamptz returning 1)
    select count(*)::int as n from gone`));
}

/** Messages delivered before `before` (their content is already gone; a card older than this can no longer be updated). */
export async function deleteDeliveredOutbox(db: Database, before: Date): Promise<number> {
  return count(await db.execute(sql`
    with gone as (delete from outbox where status = 'delivered' and delivered_at < ${before.toISOString()}::timestamptz returning 1)
    select count(*)::int as n from gone`));
}

/**
 * Sealed leftovers older than `before`: messages that failed (their sealed content), imports
 * nobody finished (their sealed rows), the names of files people sent, and the people of lists
 * pushed from above whose deadline is that old.
 */
export async function deleteLeftovers(db: Database, before: Date): Promise<{ failedMessages: number; importRows: number; fileNames: number; pushedPeople: number }> {
  const at = before.toISOString();
  const failedMessages = count(await db.execute(sql`
    with gone as (delete from outbox where status = 'failed' and failed_at < ${at}::timestamptz returning 1)
    select count(*)::int as n from gone`));
  const importRows = count(await db.execute(sql`
    with gone as (update imports set sealed_rows = null where sealed_rows is not null and updated_at < ${at}::timestamptz returning 1)
    select count(*)::int as n from gone`));
  const fileNames = count(await db.execute(sql`
    with gone as (delete from incoming_files where received_at < ${at}::timestamptz returning 1)
    select count(*)::int as n from gone`));
  // A pushed list's people, once its deadline is this far behind: the row, its outcome and its case number stay.
  const pushedPeople = count(await db.execute(sql`
    with gone as (
      update push_rows r set person_enc = ${PURGED}, id_number_hash = 'purged:' || r.id, note = null
      from push_batches b where b.id = r.batch_id and b.deadline < ${at}::timestamptz and r.person_enc <> ${PURGED}
      returning 1)
    select count(*)::int as n from gone`));
  return { failedMessages, importRows, fileNames, pushedPeople };
}

/**
 * Removes the personal data of cases that ended before `before`: name, ID number, phone and
 * address (sealed values replaced by PURGED, lookup hashes by ones that match nothing), and
 * the free text written about them. The case number, its dates, category and masked name
 * stay, so counts, the ledger and the trail still add up. Returns the cases purged.
 */
export async function purgeEndedCases(db: Database, input: { before: Date; now: Date }): Promise<number[]> {
  const rows = rowsOf<{ id: number }>(
    await db.execute(sql`
      update cases set name_enc = ${PURGED}, name_hash = 'purged:' || id, id_number_enc = ${PURGED}, id_number_hash = 'purged:' || id,
                       phone_enc = ${PURGED}, address_enc = null, address_masked = null, end_note = null,
                       purged_at = ${input.now.toISOString()}::timestamptz
      where status <> 'active' and purged_at is null and ended_at < ${input.before.toISOString()}::timestamptz
      returning id`),
  );
  const ids = rows.map((r) => Number(r.id));
  if (ids.length === 0) return ids;
  const list = sql.join(ids.map((id) => sql`${id}::int`), sql`, `);
  await db.execute(sql`update duties set note = null where case_id in (${list}) and note is not null`);
  await db.execute(sql`update release_requests set reason = null where case_id in (${list}) and reason is not null`);
  return ids.sort((a, b) => a - b);
}
