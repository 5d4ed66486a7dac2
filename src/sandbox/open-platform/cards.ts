import { recordCardRefusal } from '../card-refusal';
import { findMessage, type PlatformState } from './state';
import { asRecord, type Reply, type Req } from './support';

/**
 * Cards after they were sent: the delayed update with a callback's token (LARK.md §4.4b) and
 * the card a callback answers with, which Lark checks (strict Card JSON 2.0) before showing it.
 */

const CARD_TOKEN_USES = 2;

export function createCardsArea(state: PlatformState) {
  const { cardUpdates, cardRefusals, changeListeners } = state;
  const cardTokenUses = new Map<string, number>();
  const checkCallbackCard = (card: unknown) => recordCardRefusal(cardRefusals, 'callback', card) === null;

  function delayedCardUpdate(req: Req): Reply {
    const { token, card } = asRecord(req.body);
    if (typeof token !== 'string' || !token.startsWith('c-')) {
      return { status: 400, body: { code: 300020, msg: 'token format error' } };
    }
    if (typeof card !== 'object' || card === null) return { status: 400, body: { code: 10002, msg: 'invalid card' } };
    const used = cardTokenUses.get(token) ?? 0;
    if (used >= CARD_TOKEN_USES) return { status: 400, body: { code: 300040, msg: 'token update count exceeded' } };
    cardTokenUses.set(token, used + 1);
    cardUpdates.push({ token, card, at: Date.now() });
    return { status: 200, body: { code: 0, msg: 'ok' } };
  }

  return {
    delayedCardUpdate,
    checkCallbackCard,
    showCallbackCard(messageId: string, card: unknown) {
      const message = findMessage(state, messageId);
      if (!message || message.msgType !== 'interactive' || !checkCallbackCard(card)) return;
      message.patches.push(JSON.stringify(card));
      for (const listener of changeListeners) listener();
    },
    reset: () => cardTokenUses.clear(),
  };
}
