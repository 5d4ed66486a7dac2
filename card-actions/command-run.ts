import { z } from 'zod';
import type { CommandContext } from '../commands/define-command';
import { commands } from '../commands';
import { getChatBinding } from '../src/db/repositories/chat-bindings.repository';
import { parseMessageText } from '../src/lark/command-parser';
import { findCommand } from '../src/lark/command-registry';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { cardText } from '../src/messages/cards';
import { UserError } from '../src/shared/user-error';
import { defineCardAction } from './define-card-action';

/**
 * A button that stands for a typed command (选 #12 on a namesake list, 登记/今日/名单 on the
 * help card): the command runs as if the presser had typed it in that chat — their rights,
 * the chat's binding — and answers in the chat under the card, masked as in a group (a
 * callback does not say what the chat is, and a value saying so could be forged).
 */
export const commandRun = defineCardAction({
  action: 'command.run',
  value: z.object({ text: z.string().min(2).max(200) }),
  async run(ctx, value) {
    const parsed = parseMessageText({ content: JSON.stringify({ text: value.text }), mentions: [], botOpenId: null });
    const found = parsed.kind === 'command' ? findCommand(commands, parsed.name) : undefined;
    if (parsed.kind !== 'command' || !found || !ctx.chatId || !ctx.messageId) return { toast: { type: 'warning', content: cardText.staleAction } };
    const chatId = ctx.chatId;
    const messageId = ctx.messageId;
    const answer = (db: CommandContext['db'], msgType: 'text' | 'interactive', content: string) =>
      enqueueOutbound(db, { kind: 'reply', messageId, chatId, msgType, content }).then(() => undefined);
    const binding = await getChatBinding(ctx.db, chatId);
    try {
      // A savepoint, as for a typed command: a refusal leaves nothing half-written.
      await ctx.db.transaction(async (sp) => {
        const commandCtx: CommandContext = {
          db: sp,
          actor: ctx.actor,
          // Always answered as in a group: the value comes from the client and could claim a private chat.
          chat: { chatId, isGroup: true, binding },
          message: { id: messageId, parentId: null },
          mentions: [],
          now: ctx.now,
          today: ctx.today,
          timeZone: ctx.timeZone,
          policy: ctx.policy,
          cipher: ctx.cipher,
          reply: (text) => answer(sp, 'text', JSON.stringify({ text })),
          replyCard: (card) => answer(sp, 'interactive', JSON.stringify(card)),
        };
        await found.command.run(commandCtx, [found.rest, parsed.argText].filter(Boolean).join(' '));
      });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      if (e.card) await answer(ctx.db, 'interactive', JSON.stringify(e.card));
      else await answer(ctx.db, 'text', JSON.stringify({ text: e.reply }));
    }
    return { toast: { type: 'info', content: value.text } };
  },
});
