import crypto from 'node:crypto';
import { composeMessage, type Person } from './compose-message';
import { buildCardAction, buildMessageEvent, type MessageReceiveEnvelope, signedRequest } from './lark-deliveries';
import type { LarkPlatform } from './lark-platform';
import type { SandboxStore, UserMessageBody } from './sandbox-store';

export interface Secrets {
  verificationToken: string;
  encryptKey: string;
}

export interface PressInput {
  operatorOpenId: string;
  messageId: string;
  value: Record<string, unknown>;
  /** Form submits carry the form's fields and the submit button's name. */
  formValue?: Record<string, unknown>;
  name?: string;
}

export interface PressAnswer {
  toast?: { type: string; content: string };
}

/** A delivery the bot did not accept: the sandbox reports it instead of hiding it. */
export class DeliveryRefusedError extends Error {}

/**
 * Lark's user side: what a member types or presses reaches the bot the way Lark delivers it:
 * encrypted and signed, over HTTP to the bot's own /lark/events and /lark/cards; or, in
 * long-connection mode, pushed as frames over the WebSocket the bot opened to the platform.
 */
export function createSimulator(input: {
  platform: LarkPlatform;
  store: SandboxStore;
  secrets: Secrets;
  /** Where the bot listens (known once the server is up). */
  appUrl: () => string;
  people: readonly Person[];
  botName: string;
  connection: 'webhook' | 'websocket';
}) {
  const { platform, store, secrets } = input;

  /** Delivers an event or a card press; resolves with the bot's answer once it acknowledged it. */
  async function post(path: '/lark/events' | '/lark/cards', body: object): Promise<unknown> {
    if (input.connection === 'websocket') {
      const ack = await platform.longConnection.push(body);
      return ack.data ?? {};
    }
    const req = signedRequest(body, { encryptKey: secrets.encryptKey });
    const res = await fetch(`${input.appUrl()}${path}`, { method: 'POST', body: req.rawBody, headers: req.headers });
    if (!res.ok) throw new DeliveryRefusedError(`${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  }

  /** Delivers a user's message event; the page shows it once the platform knows where replies go. */
  async function deliver(event: MessageReceiveEnvelope, shown: UserMessageBody): Promise<{ messageId: string }> {
    const { message_id: messageId, chat_id: chatId, create_time: createTime } = event.event.message;
    platform.registerIncoming(messageId, chatId);
    store.addUserMessage({ messageId, chatId, senderOpenId: event.event.sender.sender_id.open_id, createdAt: Number(createTime), ...shown });
    await post('/lark/events', event);
    return { messageId };
  }

  return {
    /** A user types `typed` in a chat; resolves once the bot acknowledged the delivery. */
    async say(message: { fromOpenId: string; chatId: string; isGroup: boolean; typed: string }): Promise<{ messageId: string }> {
      const { text, mentions } = composeMessage({
        typed: message.typed,
        isGroup: message.isGroup,
        bot: { openId: platform.botOpenId, name: input.botName },
        people: input.people,
      });
      const event = buildMessageEvent({
        text,
        mentions,
        chatId: message.chatId,
        chatType: message.isGroup ? 'group' : 'p2p',
        senderOpenId: message.fromOpenId,
        token: secrets.verificationToken,
        appId: platform.appId,
      });
      return deliver(event, { text: message.typed.trim() });
    },

    /**
     * A user sends a file to a chat. Lark delivers it as a `file` message with no mention (a
     * group file does not @ the bot) and hands the bytes out only through the message that
     * carried them (message resource API), which is where the bot's import fetches them.
     */
    async sayFile(message: { fromOpenId: string; chatId: string; isGroup: boolean; fileName: string; bytes: Buffer }): Promise<{ messageId: string }> {
      const fileKey = `file_v3_${crypto.randomBytes(12).toString('hex')}`;
      const event = buildMessageEvent({
        messageType: 'file',
        content: { file_key: fileKey, file_name: message.fileName },
        chatId: message.chatId,
        chatType: message.isGroup ? 'group' : 'p2p',
        senderOpenId: message.fromOpenId,
        token: secrets.verificationToken,
        appId: platform.appId,
      });
      platform.addResource(event.event.message.message_id, fileKey, message.bytes, message.fileName);
      return deliver(event, { file: { fileKey, fileName: message.fileName, size: message.bytes.length } });
    },

    /** A user presses a button (or submits a form) on a card the bot sent. */
    async press(press: PressInput): Promise<PressAnswer> {
      const message = platform.messages.find((m) => m.messageId === press.messageId);
      if (!message?.chatId) throw new DeliveryRefusedError(`no card message ${press.messageId}`);
      const event = buildCardAction({
        operatorOpenId: press.operatorOpenId,
        value: press.value,
        formValue: press.formValue,
        name: press.name,
        chatId: message.chatId,
        messageId: press.messageId,
        token: secrets.verificationToken,
        appId: platform.appId,
      });
      const answer = (await post('/lark/cards', event)) as { toast?: PressAnswer['toast']; card?: { type?: string; data?: unknown } };
      if (answer.card?.type === 'raw' && answer.card.data) platform.showCallbackCard(press.messageId, answer.card.data);
      return { toast: answer.toast };
    },
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
