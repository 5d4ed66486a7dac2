import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rowsOf } from '../db/rows';
import { rateLimits } from '../db/schema';

export interface RateKey {
  key: string;
  /** Minimum spacing between two messages under this key. */
  intervalMs: number;
}

/**
 * Reserves the earliest send slot allowed under every key at once (GCRA without burst:
 * one message per interval) and says how long to wait for it. Slots are booked ahead, so
 * waiting senders take consecutive slots and none is lost to polling; a slot further off
 * than `maxWaitMs` is not booked (`reserved: false`). Kept in Postgres so all instances
 * share the limit; the row locks make concurrent reservations queue rather than overshoot.
 */
export async function reserveSendSlot(
  db: Database,
  keys: RateKey[],
  now: Date,
  maxWaitMs: number,
): Promise<{ reserved: boolean; waitMs: number }> {
  const names = keys.map((k) => k.key);
  return db.transaction(async (tx) => {
    await tx
      .insert(rateLimits)
      .values(names.map((key) => ({ key, nextAllowedAt: new Date(0) })))
      .onConflictDoNothing();
    const rows = rowsOf<{ key: string; wait_ms: string | number }>(
      await tx.execute(sql`
        select key, extract(epoch from (next_allowed_at - ${now.toISOString()}::timestamptz)) * 1000 as wait_ms
        from rate_limits where key in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
        order by key for update`),
    );
    const waitMs = Math.max(0, ...rows.map((r) => Math.ceil(Number(r.wait_ms))));
    if (waitMs > maxWaitMs) return { reserved: false, waitMs };
    const slot = now.getTime() + waitMs;
    for (const k of keys) {
      await tx.execute(sql`
        update rate_limits
        set next_allowed_at = ${new Date(slot).toISOString()}::timestamptz + ${k.intervalMs} * interval '1 millisecond'
        where key = ${k.key}`);
    }
    return { reserved: true, waitMs };
  });
}

/** After Lark said "too fast": nothing more under this key until `until`. */
export async function holdUntil(db: Database, key: string, until: Date): Promise<void> {
  await db.execute(sql`
    insert into rate_limits (key, next_allowed_at) values (${key}, ${until.toISOString()}::timestamptz)
    on conflict (key) do update set next_allowed_at = greatest(rate_limits.next_allowed_at, excluded.next_allowed_at)`);
}
