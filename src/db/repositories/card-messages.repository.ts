import { sql } from 'drizzle-orm';
import type { Database } from '../client';
import { rowsOf } from '../rows';

/** Whether the bot sent this message (a card press may name any message id). */
export async function isBotMessage(db: Database, messageId: string): Promise<boolean> {
  const rows = rowsOf<{ known: boolean }>(
    await db.execute(sql`
      select exists (select 1 from outbox where lark_message_id = ${messageId})
          or exists (select 1 from card_messages where message_id = ${messageId}) as known`),
  );
  return rows[0]?.known === true;
}

/**
 * Records that the message now shows content `hash`; false when it already did (then no
 * PATCH is needed). The row lock orders two presses on the same card.
 */
export async function noteCardContent(db: Database, input: { messageId: string; hash: string; now: Date }): Promise<boolean> {
  const rows = rowsOf<{ message_id: string }>(
    await db.execute(sql`
      insert into card_messages (message_id, content_hash, patched_at)
      values (${input.messageId}, ${input.hash}, ${input.now.toISOString()}::timestamptz)
      on conflict (message_id) do update set content_hash = excluded.content_hash, patched_at = excluded.patched_at
        where card_messages.content_hash <> excluded.content_hash
      returning message_id`),
  );
  return rows.length > 0;
}
