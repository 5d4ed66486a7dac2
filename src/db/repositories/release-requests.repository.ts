import { and, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { releaseRequests } from '../schema';

export type ReleaseRequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

export interface ReleaseRequestRow {
  id: number;
  caseId: number;
  proposedBy: string;
  proposedAt: Date;
  chatId: string | null;
  status: ReleaseRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  cardCopies: { outboxId: number; chatId: string }[];
}

const columns = {
  id: releaseRequests.id,
  caseId: releaseRequests.caseId,
  proposedBy: releaseRequests.proposedBy,
  proposedAt: releaseRequests.proposedAt,
  chatId: releaseRequests.chatId,
  status: releaseRequests.status,
  decidedBy: releaseRequests.decidedBy,
  decidedAt: releaseRequests.decidedAt,
  reason: releaseRequests.reason,
  cardCopies: releaseRequests.cardCopies,
};

/** The case's request waiting for HQ, if any. The caller holds the case's lock, so it cannot change meanwhile. */
export async function pendingRequestOf(db: Database, caseId: number): Promise<ReleaseRequestRow | null> {
  const [row] = await db.select(columns).from(releaseRequests).where(and(eq(releaseRequests.caseId, caseId), eq(releaseRequests.status, 'pending')));
  return row ?? null;
}

export async function getReleaseRequest(db: Database, id: number, options: { lock?: boolean } = {}): Promise<ReleaseRequestRow | null> {
  const query = db.select(columns).from(releaseRequests).where(eq(releaseRequests.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row ?? null;
}

export async function insertReleaseRequest(db: Database, input: { caseId: number; proposedBy: string; proposedAt: Date; chatId: string }): Promise<ReleaseRequestRow> {
  const [row] = await db.insert(releaseRequests).values(input).returning(columns);
  return row!;
}

export async function setRequestCards(db: Database, id: number, copies: { outboxId: number; chatId: string }[]): Promise<void> {
  await db.update(releaseRequests).set({ cardCopies: copies }).where(eq(releaseRequests.id, id));
}

/** Records HQ's decision on a pending request; returns it as decided, or null if it was no longer pending. */
export async function decideRequest(
  db: Database,
  id: number,
  input: { status: Exclude<ReleaseRequestStatus, 'pending'>; by: string; at: Date; reason: string | null },
): Promise<ReleaseRequestRow | null> {
  const [row] = await db
    .update(releaseRequests)
    .set({ status: input.status, decidedBy: input.by, decidedAt: input.at, reason: input.reason })
    .where(and(eq(releaseRequests.id, id), eq(releaseRequests.status, 'pending')))
    .returning(columns);
  return row ?? null;
}
