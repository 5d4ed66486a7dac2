import type { StoreDelivery } from '../inbox/delivery-batcher';
import type { Metrics } from '../metrics';
import type { DataCipher } from '../shared/data-cipher';
import type { Logger } from '../shared/logger';
import type { CardActionHandler } from './card-action-handler';
import { CardActionEventSchema, inboxEntryOf } from './events';

/** One v2 delivery as every transport hands it over, once it has authenticated it. */
export interface InboundDelivery {
  eventId: string;
  eventType: string;
  /** The envelope's `event` object. */
  event: Record<string, unknown>;
}

/**
 * What the transport answers: `answer` is the body Lark gets (`{}` for events, the toast
 * and card for a card press); `malformed` a delivery that will not read better when re-sent.
 */
export type DeliveryOutcome = { kind: 'answer'; body: object } | { kind: 'malformed'; msg: string };

export type AcceptDelivery = (delivery: InboundDelivery) => Promise<DeliveryOutcome>;

export interface AcceptDeliveryDeps {
  storeDelivery: StoreDelivery;
  cipher: DataCipher;
  logger: Logger;
  metrics: Metrics;
  handleCardAction: CardActionHandler;
  /** Called after a delivery was stored, so the inbox worker starts on it at once. */
  onStored: () => void;
}

/**
 * The one delivery path after the transport (webhook or long connection): a card press is
 * answered synchronously (Lark shows the answer); an event is stored in the inbox before
 * the caller acknowledges it, and a redelivery (same event_id, or for messages the same
 * message_id) is dropped by the insert. A storage error propagates so the transport does
 * not acknowledge: Lark then delivers again.
 */
export function createDeliveryAcceptor(deps: AcceptDeliveryDeps): AcceptDelivery {
  return async ({ eventId, eventType, event }) => {
    if (eventType === 'card.action.trigger') {
      deps.metrics.deliveriesReceived.inc({ type: eventType });
      const action = CardActionEventSchema.safeParse(event);
      if (!action.success) return { kind: 'malformed', msg: 'bad card callback' };
      return { kind: 'answer', body: await deps.handleCardAction(action.data) };
    }
    const entry = inboxEntryOf(eventType, event);
    if (entry === null) {
      deps.metrics.deliveriesReceived.inc({ type: eventType });
      deps.logger.info({ eventType, eventId }, 'event type not handled');
      return { kind: 'answer', body: {} };
    }
    if (entry === 'unreadable') {
      // A shape we cannot read will not improve on redelivery: acknowledge and log it.
      deps.logger.warn({ eventId, eventType }, 'event not understood');
      return { kind: 'answer', body: {} };
    }
    const isNew = await deps.storeDelivery({
      eventId,
      messageId: entry.messageId,
      chatKey: entry.chatKey,
      senderKey: entry.senderKey,
      eventType,
      payloadEnc: deps.cipher.encrypt(JSON.stringify(entry.payload)),
    });
    deps.metrics.deliveriesReceived.inc({ type: isNew ? eventType : 'redelivery' });
    if (isNew) deps.onStored();
    else deps.logger.info({ eventId }, 'redelivery ignored');
    return { kind: 'answer', body: {} };
  };
}
