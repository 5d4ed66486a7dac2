import pino from 'pino';
import type { Ack, PushOptions } from '../../src/sandbox/long-connection/gateway';
import { buildCardAction, buildMessageEvent, type MentionInput, type MessageReceiveEnvelope } from './lark-delivery';
import { startTestApp, type TestApp } from './test-app';

/**
 * The real app in long-connection mode (LARK_CONNECTION=websocket): the SDK's WSClient
 * connected to the fake Lark's long-connection gateway, with short ping, reconnect and
 * watchdog intervals so drops and refusals play out within a test. The ping timeout (1 s)
 * is shorter than the ping interval (1.5 s): each ping re-arms the SDK's timer, so a longer
 * timeout would never fire.
 */
export interface LongConnectionApp extends TestApp {
  /** Everything the app logged, one JSON object per line. */
  logs: Record<string, unknown>[];
}

export async function startLongConnectionApp(options: { env?: Record<string, string>; connect?: boolean } = {}): Promise<LongConnectionApp> {
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  const t = await startTestApp({
    env: { LARK_CONNECTION: 'websocket', LARK_WS_PING_TIMEOUT_SECONDS: '1', LARK_WS_WATCHDOG_SECONDS: '0.2', ...options.env },
    logger,
  });
  t.fake.longConnection.setClientConfig({ PingInterval: 1.5, ReconnectInterval: 0.1, ReconnectNonce: 0 });
  if (options.connect !== false) {
    t.hw.longConnection!.start();
    await t.fake.longConnection.waitForConnections(1);
  }
  return Object.assign(t, { logs });
}

export interface MessageOptions {
  from: string;
  chatId: string;
  chatType?: 'group' | 'p2p';
  messageId?: string;
  eventId?: string;
  /** More mentions after the bot's own (groups) — keys from @_user_2. */
  mentions?: MentionInput[];
}

/** A message as Lark pushes it; in a group it @-mentions the bot first. */
export function message(t: TestApp, text: string, opts: MessageOptions): MessageReceiveEnvelope {
  const group = (opts.chatType ?? 'group') === 'group';
  const event = buildMessageEvent({
    text: group ? `@_user_1 ${text}` : text,
    mentions: [...(group ? [{ key: '@_user_1', openId: t.fake.botOpenId, name: 'homewatch' }] : []), ...(opts.mentions ?? [])],
    chatId: opts.chatId,
    chatType: opts.chatType ?? 'group',
    senderOpenId: opts.from,
    messageId: opts.messageId,
    eventId: opts.eventId,
    token: 'unused-over-the-long-connection',
    createTimeMs: t.clock.now.getTime(),
  });
  t.fake.registerIncoming(event.event.message.message_id, opts.chatId);
  return event;
}

/** Pushes an envelope over the long connection; resolves with the client's ack. */
export function push(t: TestApp, envelope: object, options?: PushOptions): Promise<Ack> {
  return t.fake.longConnection.push(envelope, options);
}

/** Says `text` over the long connection, processes it and returns the ack and the replies. */
export async function say(t: TestApp, text: string, opts: MessageOptions): Promise<{ ack: Ack; messageId: string; replies: string[] }> {
  const event = message(t, text, opts);
  const before = t.fake.messages.length;
  const ack = await push(t, event);
  await t.settle();
  const messageId = event.event.message.message_id;
  const replies = t.fake.messages
    .slice(before)
    .filter((m) => m.replyTo === messageId)
    .map((m) => (m.msgType === 'text' ? String((m.parsedContent as { text: string }).text) : m.content));
  return { ack, messageId, replies };
}

/** Presses a button over the long connection; the answer is the ack's data, checked by the fake as Lark checks it. */
export async function pressOverLongConnection(
  t: TestApp,
  input: { operator: string; chatId: string; messageId: string; value: Record<string, unknown> },
): Promise<{ ack: Ack; toast?: { type: string; content: string }; card?: unknown }> {
  const event = buildCardAction({ operatorOpenId: input.operator, value: input.value, chatId: input.chatId, messageId: input.messageId, token: 'unused' });
  const ack = await push(t, event);
  await t.settle();
  const answer = (ack.data ?? {}) as { toast?: { type: string; content: string }; card?: { data: unknown } };
  return { ack, toast: answer.toast, card: answer.card?.data };
}
