import { and, desc, eq, gte } from 'drizzle-orm';
import type { Database } from '../client';
import { incomingFiles } from '../schema';

export interface IncomingFile {
  chatId: string;
  senderOpenId: string;
  messageId: string;
  fileKey: string;
  fileName: string;
  receivedAt: Date;
}

/** A redelivered message is already recorded: nothing happens. */
export async function recordIncomingFile(db: Database, file: IncomingFile): Promise<void> {
  await db.insert(incomingFiles).values(file).onConflictDoNothing();
}

export async function findIncomingFile(db: Database, input: { chatId: string; messageId: string }): Promise<IncomingFile | null> {
  const [row] = await db
    .select()
    .from(incomingFiles)
    .where(and(eq(incomingFiles.chatId, input.chatId), eq(incomingFiles.messageId, input.messageId)));
  return row ?? null;
}

/** The newest file this person sent to this chat since `since`. */
export async function latestIncomingFile(db: Database, input: { chatId: string; senderOpenId: string; since: Date }): Promise<IncomingFile | null> {
  const [row] = await db
    .select()
    .from(incomingFiles)
    .where(
      and(eq(incomingFiles.chatId, input.chatId), eq(incomingFiles.senderOpenId, input.senderOpenId), gte(incomingFiles.receivedAt, input.since)),
    )
    .orderBy(desc(incomingFiles.receivedAt), desc(incomingFiles.id))
    .limit(1);
  return row ?? null;
}
