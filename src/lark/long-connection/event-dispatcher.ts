import * as lark from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import type { Histogram } from 'prom-client';
import type { Logger } from '../../shared/logger';
import type { AcceptDelivery } from '../accept-delivery';
import { CHAT_MEMBER_EVENTS } from '../events';

/** The event types the bot handles; the SDK acknowledges others with "no … event handle". */
export const LONG_CONNECTION_EVENT_TYPES = ['im.message.receive_v1', ...CHAT_MEMBER_EVENTS, 'card.action.trigger'] as const;

// The SDK flattens the v2 envelope: header fields, then the event's fields (LARK.md §2.2).
const FlatHeaderSchema = z.object({ event_id: z.string().min(1), event_type: z.string().min(1) });

/**
 * An EventDispatcher whose handlers feed the shared delivery path. The WSClient awaits the
 * handler before it sends the ack frame, so the ack goes out only after the inbox write;
 * a throw (database down) makes it answer 500 and Lark delivers again. A card press's
 * answer is the handler's return value, which the SDK sends back base64-encoded: the same
 * body the webhook returns. Over the long connection the SDK checks no signature: the
 * connection itself was opened with the App Secret.
 */
export function createLongConnectionDispatcher(input: {
  acceptDelivery: AcceptDelivery;
  logger: Logger;
  ackSeconds: Histogram<'path'>;
  sdk: { logger: lark.Logger; loggerLevel: lark.LoggerLevel };
}): lark.EventDispatcher {
  const handle = async (data: Record<string, unknown>) => {
    const header = FlatHeaderSchema.safeParse(data);
    if (!header.success) {
      input.logger.warn('long connection: delivery without event_id/event_type acknowledged and dropped');
      return undefined;
    }
    const { event_id: eventId, event_type: eventType } = header.data;
    const end = input.ackSeconds.startTimer({ path: eventType === 'card.action.trigger' ? 'ws-cards' : 'ws-events' });
    try {
      // The flattened object carries the event's own fields at the top; each schema picks its own.
      const outcome = await input.acceptDelivery({ eventId, eventType, event: data });
      if (outcome.kind === 'answer') return outcome.body;
      // It will not read better when re-sent: acknowledge it, and say so.
      input.logger.warn({ eventId, eventType, msg: outcome.msg }, 'long connection: delivery not understood');
      return undefined;
    } finally {
      end();
    }
  };
  const handles = Object.fromEntries(LONG_CONNECTION_EVENT_TYPES.map((type) => [type, handle]));
  // card.action.trigger is missing from the SDK's handler typings (LARK.md §4.2), hence the cast.
  return new lark.EventDispatcher({ ...input.sdk }).register(handles as never);
}
