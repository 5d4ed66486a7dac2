import { findIncomingFile, latestIncomingFile } from '../src/db/repositories/incoming-files.repository';
import { createImport } from '../src/db/repositories/imports.repository';
import { isTownshipWide, visibleVillages } from '../src/domain/permissions';
import { ledgerText } from '../src/messages/ledger';
import { spreadsheetKind } from '../src/services/read-spreadsheet';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

// A file sent long ago is more likely a mistake than the list meant now.
const RECENT_MS = 24 * 3600_000;

/**
 * Bulk import of the file the asker just sent (or the file message this one replies to).
 * Only the request is written here: the download must not run inside a transaction, so
 * the import worker reads the file and answers with the preview.
 */
export const importCommand = defineCommand({
  name: 'import',
  aliases: ['导入', '批量导入', '导入名单'],
  audience: 'cadre',
  async run(ctx) {
    const { actor } = ctx;
    const township = isTownshipWide(actor);
    if (!township && actor.cadreOf === null && actor.doctorOf.length === 0) throw new UserError(ledgerText.import.noPermission);
    const file = ctx.message.parentId
      ? await findIncomingFile(ctx.db, { chatId: ctx.chat.chatId, messageId: ctx.message.parentId })
      : await latestIncomingFile(ctx.db, { chatId: ctx.chat.chatId, senderOpenId: actor.openId, since: new Date(ctx.now.getTime() - RECENT_MS) });
    if (!file) throw new UserError(ctx.message.parentId ? ledgerText.import.notAFile : ledgerText.import.noRecentFile);
    if (!spreadsheetKind(file.fileName)) throw new UserError(ledgerText.import.unsupported(file.fileName));
    const binding = ctx.chat.binding;
    const visible = visibleVillages(actor);
    await createImport(ctx.db, {
      chatId: ctx.chat.chatId,
      requestedBy: actor.openId,
      requestMessageId: ctx.message.id,
      fileMessageId: file.messageId,
      fileKey: file.fileKey,
      fileName: file.fileName,
      boundVillageId: binding?.kind === 'village' ? binding.villageId : null,
      allowedVillageIds: visible === 'all' ? null : visible,
      now: ctx.now,
    });
    await ctx.reply(ledgerText.import.reading(file.fileName));
  },
});
