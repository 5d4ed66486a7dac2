import type { Database } from '../src/db/client';
import type { ChatBinding } from '../src/db/repositories/chat-bindings.repository';
import type { IsoDate } from '../src/domain/dates';
import type { Actor } from '../src/domain/permissions';
import type { Policy } from '../src/domain/policy';
import type { MentionedUser } from '../src/lark/command-parser';
import type { Card } from '../src/cards/card';
import type { DataCipher } from '../src/shared/data-cipher';

/** Everything a command may use while handling one message. All writes go through `db`, the open transaction. */
export interface CommandContext {
  db: Database;
  actor: Actor;
  chat: { chatId: string; isGroup: boolean; binding: ChatBinding | null };
  /** The command message, and the message it replies to (if any). */
  message: { id: string; parentId: string | null };
  /** Other people @-mentioned in the message (the bot's own mention is removed). */
  mentions: MentionedUser[];
  now: Date;
  today: IsoDate;
  timeZone: string;
  policy: Policy;
  cipher: DataCipher;
  /** Replies to the command message (delivered through the outbox after commit). */
  reply(text: string): Promise<void>;
  replyCard(card: Card): Promise<void>;
}

export type Audience = 'everyone' | 'cadre' | 'doctor' | 'lead' | 'admin';

export interface CommandDefinition {
  /** English name, typed after the slash: /register */
  name: string;
  /** Other words that mean the same command: /登记 */
  aliases: string[];
  /**
   * Whether it changes anything. A mistyped word is only ever pointed to a command that
   * reads: 「是不是 /解除？」 for /删除 sends someone who wanted an undo toward a release.
   */
  effect: 'reads' | 'changes';
  /** Who sees it in /help. */
  audience: Audience;
  run(ctx: CommandContext, argText: string): Promise<void>;
}

export const defineCommand = (def: CommandDefinition): CommandDefinition => def;
