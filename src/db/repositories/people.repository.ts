import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rowsOf } from '../rows';
import { people } from '../schema';

export type NameSource = 'mention' | 'contact' | 'member';

/** Queues people met without a name for the contact lookup; known ones are left alone. */
export async function noteUnnamed(db: Database, openIds: readonly string[]): Promise<void> {
  const ids = [...new Set(openIds)];
  if (ids.length === 0) return;
  await db
    .insert(people)
    .values(ids.map((openId) => ({ openId })))
    .onConflictDoNothing();
}

/** Saves names Lark gave; a row is written only when its name changes. */
export async function saveNames(db: Database, input: { names: readonly { openId: string; name: string }[]; source: NameSource; now: Date }): Promise<void> {
  const byId = new Map(input.names.map((n) => [n.openId, n.name]));
  if (byId.size === 0) return;
  await db
    .insert(people)
    .values([...byId].map(([openId, name]) => ({ openId, name, source: input.source, updatedAt: input.now })))
    .onConflictDoUpdate({
      target: people.openId,
      set: { name: sql`excluded.name`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at`, lookupAttempts: 0, lookupDueAt: null },
      setWhere: sql`${people.name} is distinct from excluded.name`,
    });
}

export async function namesByOpenId(db: Database, openIds: readonly string[]): Promise<Map<string, string>> {
  if (openIds.length === 0) return new Map();
  const rows = await db
    .select({ openId: people.openId, name: people.name })
    .from(people)
    .where(and(inArray(people.openId, [...new Set(openIds)]), isNotNull(people.name)));
  return new Map(rows.map((r) => [r.openId, r.name!]));
}

/**
 * Takes up to `limit` unnamed people whose lookup is due and pushes their next attempt
 * `leaseMs` ahead, in one statement: another instance skips them meanwhile, and a worker
 * that dies mid-batch leaves them to be taken again once the lease is over.
 */
export async function claimUnnamed(db: Database, input: { now: Date; limit: number; leaseMs: number }): Promise<{ openId: string; attempts: number }[]> {
  const now = input.now.toISOString();
  const until = new Date(input.now.getTime() + input.leaseMs).toISOString();
  const rows = rowsOf<{ open_id: string; lookup_attempts: number }>(
    await db.execute(sql`
      update people set lookup_due_at = ${until}::timestamptz
      where open_id in (
        select open_id from people
        where name is null and (lookup_due_at is null or lookup_due_at <= ${now}::timestamptz)
        order by lookup_due_at nulls first, open_id
        limit ${input.limit}
        for update skip locked)
      returning open_id, lookup_attempts`),
  );
  return rows.map((r) => ({ openId: r.open_id, attempts: r.lookup_attempts }));
}

/** A lookup that failed: counted, and tried again at `retryAt`. */
export async function postponeLookup(db: Database, input: { openId: string; retryAt: Date }): Promise<void> {
  await db.execute(sql`
    update people set lookup_attempts = lookup_attempts + 1, lookup_due_at = ${input.retryAt.toISOString()}::timestamptz
    where open_id = ${input.openId} and name is null`);
}
