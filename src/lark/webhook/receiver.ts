import { Hono } from 'hono';
import type { Metrics } from '../../metrics';
import type { Logger } from '../../shared/logger';
import type { AcceptDelivery } from '../accept-delivery';
import type { CardActionHandler } from '../card-action-handler';
import { checkDelivery, type DeliverySecrets, type RejectReason } from './delivery';
import { EnvelopeV1Schema, EnvelopeV2Schema, LegacyCardActionSchema } from '../events';

export interface ReceiverDeps {
  secrets: DeliverySecrets;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  /** Legacy card callbacks (HTTP only) go straight to the card action router. */
  handleCardAction: CardActionHandler;
  /** Accept legacy (v1) message-card callbacks on /cards; off unless configured. */
  legacyCardCallbacks: boolean;
  /** The delivery path shared with the long connection. */
  acceptDelivery: AcceptDelivery;
}

const OPERATOR_HINTS: Partial<Record<RejectReason, string>> = {
  bad_signature: 'signature mismatch: check LARK_ENCRYPT_KEY against the Encrypt Key in the Lark console',
  bad_token: 'verification token mismatch: check LARK_VERIFICATION_TOKEN against the Lark console',
  encrypted_without_key: 'Lark sent an encrypted body but LARK_ENCRYPT_KEY is not set',
  cannot_decrypt: 'cannot decrypt: LARK_ENCRYPT_KEY differs from the Encrypt Key in the Lark console',
  legacy_card_disabled: 'a legacy (v1) card callback was refused: use the v2 card callback in the Lark console, or set HOMEWATCH_LEGACY_CARD_CALLBACKS=on',
};

/**
 * The Lark webhook: `POST /events` (event subscription URL) and `POST /cards` (card
 * callback URL). A message is acknowledged only once it is stored in the inbox, and the
 * ack never waits on command work (Lark re-pushes after 3 s); card callbacks are answered
 * synchronously because Lark shows their response (toast, updated card).
 */
export function createLarkReceiver(deps: ReceiverDeps): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const end = deps.metrics.ackSeconds.startTimer({ path: c.req.path.endsWith('/cards') ? 'cards' : 'events' });
    await next();
    end();
  });
  const receive = (allowLegacyCard: boolean) => async (c: import('hono').Context) => {
    const rawBody = await c.req.text();
    const headers = Object.fromEntries(c.req.raw.headers.entries());
    const check = checkDelivery({ rawBody, headers, secrets: deps.secrets, now: deps.now(), allowLegacyCard });
    if (check.kind === 'rejected') {
      deps.metrics.deliveriesRejected.inc({ reason: check.reason });
      deps.logger.warn({ reason: check.reason, path: c.req.path }, OPERATOR_HINTS[check.reason] ?? 'delivery rejected');
      return c.json({ msg: check.reason }, check.status);
    }
    if (check.kind === 'challenge') return c.json({ challenge: check.challenge });

    if (check.legacyCard) {
      const legacy = LegacyCardActionSchema.safeParse(check.body);
      if (!legacy.success) return c.json({ msg: 'bad card callback' }, 400);
      const { open_id, open_message_id, open_chat_id, token, action } = legacy.data;
      return c.json(await deps.handleCardAction({ operator: { open_id }, token, action, context: { open_message_id, open_chat_id } }));
    }

    const envelope = EnvelopeV2Schema.safeParse(check.body);
    if (!envelope.success) {
      if (EnvelopeV1Schema.safeParse(check.body).success) {
        deps.logger.info({ type: (check.body.event as { type?: string }).type }, 'v1 event ignored');
        return c.json({});
      }
      return c.json({ msg: 'unrecognised delivery' }, 400);
    }
    const { header, event } = envelope.data;
    const outcome = await deps.acceptDelivery({ eventId: header.event_id, eventType: header.event_type, event });
    return outcome.kind === 'answer' ? c.json(outcome.body) : c.json({ msg: outcome.msg }, 400);
  };
  app.post('/events', receive(false));
  app.post('/cards', receive(deps.legacyCardCallbacks));
  return app;
}
