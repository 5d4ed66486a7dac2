import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { imports, type StoredDuplicate, type StoredImportError } from '../schema';

export type ImportRecord = typeof imports.$inferSelect;

export async function createImport(
  db: Database,
  input: Pick<ImportRecord, 'kind' | 'chatId' | 'requestedBy' | 'requestMessageId' | 'fileMessageId' | 'fileKey' | 'fileName' | 'boundVillageId' | 'allowedVillageIds'> & {
    pushDeadline?: Date | null;
    now: Date;
  },
): Promise<number> {
  const { now, ...values } = input;
  const [row] = await db
    .insert(imports)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning({ id: imports.id });
  return row!.id;
}

export async function getImport(db: Database, id: number): Promise<ImportRecord | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}

/**
 * Leases the oldest import whose file is still to be read. The lease (not a transaction)
 * keeps other instances off it while the file downloads; if this process dies, the lease
 * runs out and the request is taken up again.
 */
export async function claimPendingImport(db: Database, input: { now: Date; leaseMs: number }): Promise<ImportRecord | null> {
  const next = db
    .select({ id: imports.id })
    .from(imports)
    .where(
      and(
        eq(imports.status, 'pending'),
        or(isNull(imports.leaseUntil), lt(imports.leaseUntil, input.now)),
        or(isNull(imports.nextAttemptAt), lte(imports.nextAttemptAt, input.now)),
      ),
    )
    .orderBy(asc(imports.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(imports)
    .set({ leaseUntil: new Date(input.now.getTime() + input.leaseMs), attempts: sql`${imports.attempts} + 1`, updatedAt: input.now })
    .where(eq(imports.id, sql`(${next})`))
    .returning();
  return row ?? null;
}

export async function retryImportAt(db: Database, id: number, at: Date): Promise<void> {
  await db.update(imports).set({ leaseUntil: null, nextAttemptAt: at, updatedAt: at }).where(eq(imports.id, id));
}

/** Records the file's contents: status 'preview' waits for 导入; 'failed' when nothing can be imported. */
export async function savePreview(
  db: Database,
  id: number,
  input: {
    status: 'preview' | 'failed';
    sealedRows: string | null;
    validCount: number;
    errors: StoredImportError[];
    duplicates: StoredDuplicate[];
    previewOutboxId: number | null;
    failure: string | null;
    now: Date;
  },
): Promise<void> {
  const { now, ...values } = input;
  await db
    .update(imports)
    .set({ ...values, leaseUntil: null, updatedAt: now })
    .where(and(eq(imports.id, id), eq(imports.status, 'pending')));
}

/** 导入 or 取消 on the preview: only the first decision counts (false when it was not the first). */
export async function decideImport(db: Database, input: { id: number; decision: 'confirmed' | 'cancelled'; by: string; now: Date }): Promise<boolean> {
  const rows = await db
    .update(imports)
    .set({
      status: input.decision,
      decidedBy: input.by,
      updatedAt: input.now,
      // Nothing will be imported: the personal data goes at once.
      ...(input.decision === 'cancelled' ? { sealedRows: null } : {}),
    })
    .where(and(eq(imports.id, input.id), eq(imports.status, 'preview')))
    .returning({ id: imports.id });
  return rows.length > 0;
}

/** Inside the import transaction: the oldest confirmed import no other instance is writing. */
export async function lockNextConfirmedImport(tx: Database): Promise<ImportRecord | null> {
  const [row] = await tx
    .select()
    .from(imports)
    .where(eq(imports.status, 'confirmed'))
    .orderBy(asc(imports.id))
    .limit(1)
    .for('update', { skipLocked: true });
  return row ?? null;
}

export async function finishImport(db: Database, id: number, input: { result: NonNullable<ImportRecord['result']>; now: Date }): Promise<void> {
  await db.update(imports).set({ status: 'done', result: input.result, sealedRows: null, updatedAt: input.now }).where(eq(imports.id, id));
}

export async function failImport(db: Database, id: number, input: { failure: string; now: Date }): Promise<void> {
  await db
    .update(imports)
    .set({ status: 'failed', failure: input.failure, sealedRows: null, leaseUntil: null, updatedAt: input.now })
    .where(eq(imports.id, id));
}

/**
 * Previews nobody decided on since `before`, locked for this caller, and set aside as
 * cancelled with their sealed rows dropped: personal data is not kept for a decision that is
 * not coming.
 */
export async function expireUndecidedPreviews(tx: Database, input: { before: Date; now: Date; limit: number }): Promise<ImportRecord[]> {
  const stale = await tx
    .select()
    .from(imports)
    .where(and(eq(imports.status, 'preview'), lt(imports.updatedAt, input.before)))
    .orderBy(asc(imports.id))
    .limit(input.limit)
    .for('update', { skipLocked: true });
  if (stale.length === 0) return [];
  await tx
    .update(imports)
    .set({ status: 'cancelled', decidedBy: null, failure: 'expired', sealedRows: null, updatedAt: input.now })
    .where(inArray(imports.id, stale.map((i) => i.id)));
  return stale;
}
