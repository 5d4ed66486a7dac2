import { findIncomingFile, latestIncomingFile } from '../src/db/repositories/incoming-files.repository';
import { createImport, type ImportRecord } from '../src/db/repositories/imports.repository';
import { ledgerText } from '../src/messages/ledger';
import { spreadsheetKind } from '../src/services/read-spreadsheet';
import { UserError } from '../src/shared/user-error';
import type { CommandContext } from './define-command';

// A file sent long ago is more likely a mistake than the list meant now.
const RECENT_MS = 24 * 3600_000;

/**
 * Queues the import of the file the asker just sent (or the file message this one replies
 * to). Only the request is written here: the download must not run inside a transaction, so
 * the import worker reads the file and answers with the preview.
 */
export async function requestImport(
  ctx: CommandContext,
  input: Pick<ImportRecord, 'kind' | 'boundVillageId' | 'allowedVillageIds'> & {
    pushDeadline?: Date | null;
    texts: { notAFile: string; noRecentFile: string; reading: (fileName: string) => string };
  },
): Promise<void> {
  const { actor } = ctx;
  const file = ctx.message.parentId
    ? await findIncomingFile(ctx.db, { chatId: ctx.chat.chatId, messageId: ctx.message.parentId })
    : await latestIncomingFile(ctx.db, { chatId: ctx.chat.chatId, senderOpenId: actor.openId, since: new Date(ctx.now.getTime() - RECENT_MS) });
  if (!file) throw new UserError(ctx.message.parentId ? input.texts.notAFile : input.texts.noRecentFile);
  if (!spreadsheetKind(file.fileName)) throw new UserError(ledgerText.import.unsupported(file.fileName));
  await createImport(ctx.db, {
    kind: input.kind,
    chatId: ctx.chat.chatId,
    requestedBy: actor.openId,
    requestMessageId: ctx.message.id,
    fileMessageId: file.messageId,
    fileKey: file.fileKey,
    fileName: file.fileName,
    boundVillageId: input.boundVillageId,
    allowedVillageIds: input.allowedVillageIds,
    pushDeadline: input.pushDeadline ?? null,
    now: ctx.now,
  });
  await ctx.reply(input.texts.reading(file.fileName));
}
