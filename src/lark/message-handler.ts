import { z } from 'zod';
import type { CommandDefinition, CommandContext } from '../../commands/define-command';
import type { Database } from '../db/client';
import { getChatBinding } from '../db/repositories/chat-bindings.repository';
import { recordIncomingFile } from '../db/repositories/incoming-files.repository';
import { todayIn } from '../domain/dates';
import { scrubText } from '../domain/mask';
import type { Policy } from '../domain/policy';
import { common } from '../messages/common';
import { ledgerText } from '../messages/ledger';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { notePeopleMet } from '../services/people';
import { resolveActor } from '../services/resolve-actor';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import { UserError } from '../shared/user-error';
import { parseMessageText } from './command-parser';
import { closestCommand, commandIntent, findCommand } from './command-registry';
import type { Card } from '../cards/card';
import type { MessageEvent } from './events';

export interface MessageHandlerDeps {
  commands: readonly CommandDefinition[];
  policy: Policy;
  cipher: DataCipher;
  timeZone: string;
  admins: string[];
  /** The bot's open_id, to tell its own @-mention from other people's; null until known. */
  botOpenId: () => string | null;
  now: () => Date;
  logger: Logger;
}

/**
 * Handles one stored message inside the inbox transaction: every write and every reply
 * commits together. A refused command (UserError) is rolled back to its savepoint and only
 * the explanation is sent.
 */
export function createMessageHandler(deps: MessageHandlerDeps) {
  return async function handleMessage(tx: Database, event: MessageEvent): Promise<void> {
    const { message, sender } = event;
    const openId = sender.sender_id.open_id;
    if (!openId || (sender.sender_type && sender.sender_type !== 'user')) return;
    const isGroup = message.chat_type !== 'p2p';
    const replyText = replierFor(tx, message).text;
    await notePeopleMet(tx, { openId, groupChatId: isGroup ? message.chat_id : null, mentions: message.mentions, botOpenId: deps.botOpenId(), at: deps.now() });

    if (message.message_type === 'file') {
      await rememberFile(tx, event, deps.now(), isGroup ? null : replyText);
      return;
    }
    if (message.message_type !== 'text') {
      if (!isGroup) await replyText(common.onlyText);
      return;
    }
    const parsed = parseMessageText({ content: message.content, mentions: message.mentions, botOpenId: deps.botOpenId() });
    if (parsed.kind === 'text') {
      // In a group, only answer chatter that was addressed to the bot.
      if (!isGroup || parsed.botMentioned) await replyText(common.notACommand);
      return;
    }
    const found = findCommand(deps.commands, parsed.name);
    if (!found) {
      // What was typed is echoed, so mask anything personal and keep it short.
      const shown = Array.from(scrubText(parsed.name)).slice(0, 12).join('');
      const intent = commandIntent(parsed.name);
      await replyText(intent === 'undo' ? common.undoHint(shown) : common.unknownCommand(shown, closestCommand(deps.commands, parsed.name)));
      return;
    }
    const { command } = found;
    const argText = [found.rest, parsed.argText].filter(Boolean).join(' ');
    // One limit for every command's free text (reasons, notes, addresses), before any of it is
    // read; per line, as /登记 takes one person per line.
    const length = Math.max(...argText.split('\n').map((line) => Array.from(line).length));
    if (length > deps.policy.limits.commandTextChars) {
      await replyText(common.tooLong(parsed.name, length, deps.policy.limits.commandTextChars));
      return;
    }

    const now = deps.now();
    const binding = isGroup ? await getChatBinding(tx, message.chat_id) : null;
    const actor = await resolveActor(tx, { openId, binding, configuredAdmins: deps.admins, policy: deps.policy });
    const log = deps.logger.child({ command: command.name, messageId: message.message_id });
    try {
      await tx.transaction(async (sp) => {
        const ctx: CommandContext = {
          db: sp,
          actor,
          chat: { chatId: message.chat_id, isGroup, binding },
          message: { id: message.message_id, parentId: message.parent_id ?? null },
          mentions: parsed.mentions,
          now,
          today: todayIn(deps.timeZone, now),
          timeZone: deps.timeZone,
          policy: deps.policy,
          cipher: deps.cipher,
          reply: replierFor(sp, message).text,
          replyCard: replierFor(sp, message).card,
        };
        await command.run(ctx, argText);
      });
      log.info('command done');
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      log.info({ refusal: e.reply }, 'command refused');
      if (e.card) await replierFor(tx, message).card(e.card);
      else await replyText(e.reply);
    }
  };
}

const FileContentSchema = z.object({ file_key: z.string().min(1), file_name: z.string().default('') });

/**
 * A file is downloadable later only through its message, so every file is recorded for
 * /import. In a private chat the sender is told how to import it; groups stay quiet.
 */
async function rememberFile(tx: Database, event: MessageEvent, receivedAt: Date, replyText: ((text: string) => Promise<void>) | null) {
  const { message, sender } = event;
  const content = FileContentSchema.safeParse(JSON.parse(message.content));
  if (!content.success) return;
  const fileName = content.data.file_name || content.data.file_key;
  await recordIncomingFile(tx, {
    chatId: message.chat_id,
    senderOpenId: sender.sender_id.open_id!,
    messageId: message.message_id,
    fileKey: content.data.file_key,
    fileName,
    receivedAt,
  });
  if (replyText) await replyText(ledgerText.import.fileReceived(fileName));
}

/** Replies to the message through the outbox of the given transaction. */
function replierFor(db: Database, message: MessageEvent['message']) {
  const enqueue = async (msgType: 'text' | 'interactive', content: string) => {
    await enqueueOutbound(db, { kind: 'reply', messageId: message.message_id, chatId: message.chat_id, msgType, content });
  };
  return {
    text: (text: string) => enqueue('text', JSON.stringify({ text })),
    card: (card: Card) => enqueue('interactive', JSON.stringify(card)),
  };
}
