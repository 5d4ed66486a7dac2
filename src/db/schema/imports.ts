import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const IMPORT_STATUSES = ['pending', 'preview', 'confirmed', 'done', 'cancelled', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** What the preview and the result show of a row that was not imported; no personal data. */
export interface StoredImportError {
  row: number;
  /** Masked. */
  name: string | null;
  field: string;
  message: string;
}

export interface StoredDuplicate {
  row: number;
  caseId: number;
}

/**
 * A bulk import asked for with /import. pending: the file is still to be downloaded and read
 * (outside any transaction); preview: the card is out and waits for 导入 or 取消; confirmed:
 * 导入 was pressed and the rows are to be written in one transaction; done, cancelled,
 * failed are final. The parsed rows carry ID numbers and phones, so they are stored sealed
 * and dropped once the import is final.
 */
export const imports = pgTable(
  'imports',
  {
    id: serial('id').primaryKey(),
    /** cases: /导入 (people to register); results: /结果导入 (a lab's result list); push: /下发 (a list from above to check). */
    kind: text('kind', { enum: ['cases', 'results', 'push'] }).notNull().default('cases'),
    chatId: text('chat_id').notNull(),
    requestedBy: text('requested_by').notNull(),
    /** The /import message: the preview and the outcome are replies to it. */
    requestMessageId: text('request_message_id').notNull(),
    fileMessageId: text('file_message_id').notNull(),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    /** The chat's village (rows default to it and may not name another); null in township chats. */
    boundVillageId: integer('bound_village_id'),
    /** Villages the requester may register for; null = all (township-wide staff). */
    allowedVillageIds: jsonb('allowed_village_ids').$type<number[] | null>(),
    /** /下发 18:00: the deadline the push list's rows are checked by; null: the policy's. */
    pushDeadline: timestamp('push_deadline', { withTimezone: true }),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    sealedRows: text('sealed_rows'),
    validCount: integer('valid_count'),
    errors: jsonb('errors').$type<StoredImportError[]>(),
    /** Rows whose person was already under management when the file was read. */
    duplicates: jsonb('duplicates').$type<StoredDuplicate[]>(),
    /** The outbox row of the preview card, so the outcome can replace it. */
    previewOutboxId: integer('preview_outbox_id'),
    decidedBy: text('decided_by'),
    result: jsonb('result').$type<{ imported: number; firstCaseId: number | null; lastCaseId: number | null; duplicates: StoredDuplicate[] }>(),
    failure: text('failure'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('imports_status').on(t.status, t.id)],
);
