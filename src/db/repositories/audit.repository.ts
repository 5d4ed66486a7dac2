import type { Database } from '../client';
import { auditLog } from '../schema';

export interface AuditEntry {
  actorOpenId: string;
  chatId: string | null;
  action: string;
  caseId?: number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Personal fields in before/after must already be masked: the audit trail is shown to people. */
export async function writeAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorOpenId: entry.actorOpenId,
    chatId: entry.chatId,
    action: entry.action,
    caseId: entry.caseId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}
