import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { senderBudgets } from '../db/schema';

export interface SenderBudgetSettings {
  /** Messages a sender may have handled in a burst. */
  burst: number;
  /** Messages per minute the bucket refills by. */
  perMinute: number;
}

/** What to do with a sender's next message: handle it, or drop it (telling them once). */
export type BudgetDecision = 'handle' | 'refuse_and_warn' | 'refuse';

/**
 * Takes one message from the sender's bucket, in the delivery's transaction (the row lock
 * serialises two workers on the same sender). An empty bucket refuses; the first refusal
 * after the bucket last had room is the one that is answered, the rest are dropped quietly,
 * so a flood costs one cheap transaction per message and a single reply.
 */
export async function takeSenderBudget(db: Database, senderKey: string, now: Date, settings: SenderBudgetSettings): Promise<BudgetDecision> {
  await db
    .insert(senderBudgets)
    .values({ senderKey, tokens: settings.burst, updatedAt: now })
    .onConflictDoNothing();
  const [row] = await db.select().from(senderBudgets).where(eq(senderBudgets.senderKey, senderKey)).for('update');
  const elapsedMinutes = Math.max(0, now.getTime() - row!.updatedAt.getTime()) / 60_000;
  const tokens = Math.min(settings.burst, row!.tokens + elapsedMinutes * settings.perMinute);
  if (tokens >= 1) {
    await db.update(senderBudgets).set({ tokens: tokens - 1, updatedAt: now, warnedAt: null }).where(eq(senderBudgets.senderKey, senderKey));
    return 'handle';
  }
  const warn = row!.warnedAt === null;
  await db
    .update(senderBudgets)
    .set({ tokens, updatedAt: now, ...(warn ? { warnedAt: now } : {}) })
    .where(eq(senderBudgets.senderKey, senderKey));
  return warn ? 'refuse_and_warn' : 'refuse';
}
