import { sql } from 'drizzle-orm';
import { sealOperation } from '../outbox/outbox-sealing';
import type { DataCipher } from '../shared/data-cipher';
import type { Database } from './client';
import { rowsOf } from './rows';

const BATCH = 500;

/**
 * Finishes migration 0011: messages written before it and not yet delivered (pending, or
 * failed) still carry their content in clear in `operation`. Seals it into content_enc, in
 * batches, each row once (a sealed row has no content left in `operation`); returns how many.
 * Safe with several instances starting together: a row sealed by another is skipped.
 */
export async function sealLegacyOutbox(db: Database, cipher: DataCipher): Promise<number> {
  let sealed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = rowsOf<{ id: string | number; operation: Record<string, unknown> }>(
        await tx.execute(sql`
          select id, operation from outbox
          where content_enc is null and (operation ? 'content' or operation ? 'sealedData')
          order by id limit ${BATCH} for update skip locked`),
      );
      for (const r of rows) {
        const { operation, contentEnc } = sealOperation(cipher, r.operation);
        await tx.execute(sql`update outbox set operation = ${JSON.stringify(operation)}::jsonb, content_enc = ${contentEnc} where id = ${Number(r.id)}`);
      }
      return rows.length;
    });
    sealed += done;
    if (done < BATCH) return sealed;
  }
}
