import crypto from 'node:crypto';
import type { CardActionContext, CardActionDefinition } from '../../card-actions/define-card-action';
import { mayUsePlace } from '../../card-actions/place-access';
import type { Database } from '../db/client';
import { isBotMessage, noteCardContent } from '../db/repositories/card-messages.repository';
import { getChatBinding } from '../db/repositories/chat-bindings.repository';
import { todayIn } from '../domain/dates';
import { placeOfValue } from '../domain/place';
import type { Policy } from '../domain/policy';
import { normaliseDelivery } from '../inbox/normalise-text';
import { describeFailure } from '../inbox/describe-failure';
import { cardText } from '../messages/cards';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { notePeopleMet } from '../services/people';
import { resolveActor } from '../services/resolve-actor';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import type { CardActionEvent } from './events';

/** The synchronous answer to a card button: a toast, and optionally the updated card. */
export interface CardActionResponse {
  toast?: { type: 'info' | 'success' | 'error' | 'warning'; content: string };
  card?: { type: 'raw'; data: unknown };
}

export type CardActionHandler = (event: CardActionEvent) => Promise<CardActionResponse>;

/**
 * Routes a button press by the `action` of its value. Lark never re-pushes a callback and
 * shows our answer, so the change, the updated card and a patch of the message (so every
 * member of the group sees the new card) happen in one transaction before we answer.
 *
 * Everything in a press can be forged by the client (issue 11, findings 5 and 10): the
 * value is checked by the action's schema, the place it names against the presser and the
 * chat, and the message against the ones the bot sent. Whatever fails, the answer is a
 * toast, never an HTTP error.
 */
export function createCardActionRouter(input: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action validates its own value type
  actions: readonly CardActionDefinition<any>[];
  db: Database;
  policy: Policy;
  cipher: DataCipher;
  timeZone: string;
  admins: string[];
  now: () => Date;
  logger: Logger;
}): CardActionHandler {
  const toast = (type: 'warning' | 'error', content: string): CardActionResponse => ({ toast: { type, content } });

  async function route(event: CardActionEvent): Promise<CardActionResponse> {
    const { action: name, ...rest } = event.action.value ?? {};
    const definition = input.actions.find((a) => a.action === name);
    const value = definition?.value.safeParse(rest);
    const openId = event.operator.open_id;
    if (!definition || !value?.success || !openId) {
      input.logger.info({ action: typeof name === 'string' ? name.slice(0, 40) : null }, 'card action not understood');
      return toast('warning', cardText.staleAction);
    }
    const chatId = event.context?.open_chat_id ?? null;
    const messageId = event.context?.open_message_id ?? null;
    const now = input.now();
    return input.db.transaction(async (tx) => {
      const binding = chatId ? await getChatBinding(tx, chatId) : null;
      await notePeopleMet(tx, { openId, groupChatId: binding ? chatId : null, at: now });
      const actor = await resolveActor(tx, { openId, binding, configuredAdmins: input.admins, policy: input.policy });
      const named = value.data as { villageId?: number; pointId?: number };
      if ((named.villageId !== undefined || named.pointId !== undefined) && !mayUsePlace(actor, binding, placeOfValue(named))) {
        input.logger.info({ action: name }, 'card action refused: place not of this chat or presser');
        return toast('error', cardText.notThisPlace);
      }
      const ctx: CardActionContext = {
        db: tx,
        actor,
        chatId,
        messageId,
        formValue: event.action.form_value ?? {},
        now,
        today: todayIn(input.timeZone, now),
        timeZone: input.timeZone,
        policy: input.policy,
        cipher: input.cipher,
      };
      const response = await definition.run(ctx, value.data);
      input.logger.info({ action: name, toast: response.toast?.type }, 'card action');
      if (!response.card) return response;
      const { card, ...rest } = response;
      // A press on a message the bot never sent, or one that changes nothing, patches nothing.
      if (!chatId || !messageId || !(await isBotMessage(tx, messageId))) return rest;
      const content = JSON.stringify(card.data);
      const hash = crypto.createHash('sha256').update(content).digest('hex');
      if (!(await noteCardContent(tx, { messageId, hash, now }))) return rest;
      await enqueueOutbound(tx, { kind: 'patch', chatId, messageId, content });
      return response;
    });
  }

  return async (raw) => {
    const event = normaliseDelivery(raw);
    try {
      return await route(event);
    } catch (e) {
      input.logger.error({ action: String(event.action.value?.action ?? '').slice(0, 40), err: describeFailure(e) }, 'card action failed');
      return toast('error', cardText.actionFailed);
    }
  };
}
