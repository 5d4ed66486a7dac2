import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditAction } from '../../domain/audit-actions';
import { scrubDeep, scrubText } from '../../domain/mask';
import type { Database } from '../client';
import { auditLog } from '../schema';

export interface AuditEntry {
  /** The app's clock (the township's day arithmetic and tests rely on it); the database's when absent. */
  at?: Date;
  actorOpenId: string;
  chatId: string | null;
  action: AuditAction;
  caseId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Personal fields in before/after must already be masked: the audit trail is shown to people.
 * Free text in them and the reason is masked here too, so an ID or phone typed into a note
 * is never stored in full.
 */
export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    ...(entry.at ? { at: entry.at } : {}),
    actorOpenId: entry.actorOpenId,
    chatId: entry.chatId,
    action: entry.action,
    caseId: entry.caseId ?? null,
    before: scrubDeep(entry.before ?? null),
    after: scrubDeep(entry.after ?? null),
    reason: entry.reason ? scrubText(entry.reason) : null,
  });
}

export interface AuditRow {
  at: Date;
  actorOpenId: string;
  chatId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** A case's audit trail, newest first, one page, and how many entries it has in all. */
export async function listCaseAudit(db: Database, caseId: number, page: { limit: number; offset: number }): Promise<{ rows: AuditRow[]; total: number }> {
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.caseId, caseId));
  const rows = await db
    .select({
      at: auditLog.at,
      actorOpenId: auditLog.actorOpenId,
      chatId: auditLog.chatId,
      action: auditLog.action,
      before: auditLog.before,
      after: auditLog.after,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(eq(auditLog.caseId, caseId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  return { rows, total: count?.n ?? 0 };
}

/** Whether the case's trail already holds this action (a proposal is made once). */
export async function hasCaseAudit(db: Database, caseId: number, action: AuditAction): Promise<boolean> {
  const [row] = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, action))).limit(1);
  return row !== undefined;
}
