import type { CardActionContext, CardActionDefinition } from '../../card-actions/define-card-action';
import type { Database } from '../db/client';
import { getChatBinding } from '../db/repositories/chat-bindings.repository';
import { todayIn } from '../domain/dates';
import type { Policy } from '../domain/policy';
import type { DataCipher } from '../shared/data-cipher';
import { enqueueOutbound } from '../outbox/outbox.repository';
import { notePeopleMet } from '../services/people';
import { resolveActor } from '../services/resolve-actor';
import type { Logger } from '../shared/logger';
import type { CardActionEvent } from './events';
import { normaliseDelivery } from '../inbox/normalise-text';

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
  staleToast: string;
  logger: Logger;
}): CardActionHandler {
  return async (raw) => {
    const event = normaliseDelivery(raw);
    const { action: name, ...rest } = event.action.value ?? {};
    const definition = input.actions.find((a) => a.action === name);
    const value = definition?.value.safeParse(rest);
    const openId = event.operator.open_id;
    if (!definition || !value?.success || !openId) {
      input.logger.info({ action: name }, 'card action not understood');
      return { toast: { type: 'warning', content: input.staleToast } };
    }
    const chatId = event.context?.open_chat_id ?? null;
    const messageId = event.context?.open_message_id ?? null;
    const now = input.now();
    return input.db.transaction(async (tx) => {
      const binding = chatId ? await getChatBinding(tx, chatId) : null;
      await notePeopleMet(tx, { openId, groupChatId: binding ? chatId : null, at: now });
      const ctx: CardActionContext = {
        db: tx,
        actor: await resolveActor(tx, { openId, binding, configuredAdmins: input.admins }),
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
      if (response.card && chatId && messageId) {
        await enqueueOutbound(tx, { kind: 'patch', chatId, messageId, content: JSON.stringify(response.card.data) });
      }
      input.logger.info({ action: name, toast: response.toast?.type }, 'card action');
      return response;
    });
  };
}
