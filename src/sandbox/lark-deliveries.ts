import crypto from 'node:crypto';
import { computeLarkSignature, computeLegacyCardSignature, encryptLarkPayload } from '../lark/webhook/verify';

/**
 * Builds webhook deliveries exactly as Lark sends them (envelopes from /work/shared/LARK.md §1.1,
 * §3.1, §4.1, §4.2): the tests and the sandbox simulator send the same bytes production sees.
 */

export const DEFAULT_APP_ID = 'cli_a1b2c3d4e5f60718';
export const DEFAULT_TENANT_KEY = 'tenant_fake';

const randomHex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');

// Users have three ids; derive the other two from the open_id so fixtures stay consistent.
function userIds(openId: string) {
  const suffix = openId.replace(/^ou_/, '');
  return { union_id: `on_${suffix}`, user_id: `u_${suffix}`, open_id: openId };
}

export interface MentionInput {
  /** Placeholder used in the text, e.g. `@_user_1`. */
  key: string;
  openId: string;
  name: string;
}

export interface MessageEventInput {
  text?: string;
  /** Overrides the `{"text": ...}` content, e.g. `{ image_key: 'img_v3_x' }` with messageType 'image'. */
  content?: Record<string, unknown>;
  chatId: string;
  chatType?: 'group' | 'p2p';
  senderOpenId: string;
  messageId?: string;
  eventId?: string;
  mentions?: MentionInput[];
  /** Verification Token, echoed in header.token. */
  token: string;
  appId?: string;
  messageType?: string;
  parentId?: string;
  rootId?: string;
  createTimeMs?: number;
}

export interface MessageReceiveEnvelope {
  schema: '2.0';
  header: EnvelopeHeader;
  event: {
    sender: { sender_id: ReturnType<typeof userIds>; sender_type: 'user'; tenant_key: string };
    message: {
      message_id: string;
      root_id?: string;
      parent_id?: string;
      create_time: string;
      update_time: string;
      chat_id: string;
      chat_type: string;
      message_type: string;
      content: string;
      mentions?: { key: string; id: ReturnType<typeof userIds>; name: string; tenant_key: string }[];
    };
  };
}

export interface EnvelopeHeader {
  event_id: string;
  event_type: string;
  create_time: string;
  token: string;
  app_id: string;
  tenant_key: string;
}

function header(eventType: string, token: string, createTime: string, appId = DEFAULT_APP_ID, eventId?: string): EnvelopeHeader {
  return {
    event_id: eventId ?? randomHex(16),
    event_type: eventType,
    create_time: createTime,
    token,
    app_id: appId,
    tenant_key: DEFAULT_TENANT_KEY,
  };
}

export function buildMessageEvent(input: MessageEventInput): MessageReceiveEnvelope {
  const createTime = String(input.createTimeMs ?? Date.now());
  const mentions = input.mentions?.map((m) => ({
    key: m.key,
    id: userIds(m.openId),
    name: m.name,
    tenant_key: DEFAULT_TENANT_KEY,
  }));
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', input.token, createTime, input.appId, input.eventId),
    event: {
      sender: { sender_id: userIds(input.senderOpenId), sender_type: 'user', tenant_key: DEFAULT_TENANT_KEY },
      message: {
        message_id: input.messageId ?? `om_${randomHex(16)}`,
        ...(input.rootId ? { root_id: input.rootId } : {}),
        ...(input.parentId ? { parent_id: input.parentId } : {}),
        create_time: createTime,
        update_time: createTime,
        chat_id: input.chatId,
        chat_type: input.chatType ?? 'group',
        message_type: input.messageType ?? 'text',
        content: JSON.stringify(input.content ?? { text: input.text ?? '' }),
        ...(mentions?.length ? { mentions } : {}),
      },
    },
  };
}

export interface ChatMemberEventInput {
  eventType: 'im.chat.member.user.added_v1' | 'im.chat.member.user.deleted_v1' | 'im.chat.member.bot.deleted_v1';
  chatId: string;
  /** Whoever added or removed them. */
  operatorOpenId: string;
  /** The people added or removed (none for the bot's own removal). */
  users?: { openId: string; name: string }[];
  token: string;
  eventId?: string;
  appId?: string;
}

/** A chat member change as Lark pushes it (fields of the SDK's typings for these events). */
export function buildChatMemberEvent(input: ChatMemberEventInput) {
  return {
    schema: '2.0' as const,
    header: header(input.eventType, input.token, String(Date.now()), input.appId, input.eventId),
    event: {
      chat_id: input.chatId,
      operator_id: userIds(input.operatorOpenId),
      external: false,
      operator_tenant_key: DEFAULT_TENANT_KEY,
      ...(input.users ? { users: input.users.map((u) => ({ name: u.name, tenant_key: DEFAULT_TENANT_KEY, user_id: userIds(u.openId) })) } : {}),
      name: '群',
      i18n_names: { zh_cn: '群', en_us: '', ja_jp: '' },
    },
  };
}

export interface CardActionInput {
  operatorOpenId: string;
  /** The button's callback `value` object. */
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  chatId: string;
  messageId: string;
  /** Verification Token, echoed in header.token. */
  token: string;
  /** Component name (form submit buttons carry one). */
  name?: string;
  tag?: string;
  /** Delayed-update token (`c-...`); random when omitted. */
  updateToken?: string;
  eventId?: string;
  appId?: string;
}

export interface CardActionEnvelope {
  schema: '2.0';
  header: EnvelopeHeader;
  event: {
    operator: ReturnType<typeof userIds> & { tenant_key: string };
    token: string;
    action: {
      value: Record<string, unknown>;
      tag: string;
      timezone: string;
      form_value?: Record<string, unknown>;
      name?: string;
    };
    host: 'im_message';
    context: { open_message_id: string; open_chat_id: string };
  };
}

export function buildCardAction(input: CardActionInput): CardActionEnvelope {
  // The card callback samples carry a 16-digit (microsecond) create_time.
  const createTime = `${Date.now()}000`;
  return {
    schema: '2.0',
    header: header('card.action.trigger', input.token, createTime, input.appId, input.eventId),
    event: {
      operator: { tenant_key: DEFAULT_TENANT_KEY, ...userIds(input.operatorOpenId) },
      token: input.updateToken ?? `c-${randomHex(20)}`,
      action: {
        value: input.value,
        tag: input.tag ?? 'button',
        timezone: 'Asia/Shanghai',
        ...(input.formValue ? { form_value: input.formValue } : {}),
        ...(input.name ? { name: input.name } : {}),
      },
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  };
}

export function buildChallenge({ token, challenge }: { token: string; challenge: string }) {
  return { challenge, token, type: 'url_verification' as const };
}

export interface SignedRequest {
  rawBody: string;
  headers: Record<string, string>;
}

function signingParts(opts: { timestamp?: string; nonce?: string }) {
  return {
    timestamp: opts.timestamp ?? String(Math.floor(Date.now() / 1000)),
    nonce: opts.nonce ?? randomHex(8),
  };
}

function headersWith(timestamp: string, nonce: string, signature: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Lark-Request-Timestamp': timestamp,
    'X-Lark-Request-Nonce': nonce,
    'X-Lark-Signature': signature,
  };
}

/** An Encrypt-Key delivery: body `{"encrypt": ...}` (unless encrypt=false), sha256-signed. */
export function signedRequest(
  body: object,
  opts: { encryptKey: string; timestamp?: string; nonce?: string; encrypt?: boolean },
): SignedRequest {
  const { timestamp, nonce } = signingParts(opts);
  const plain = JSON.stringify(body);
  const rawBody = opts.encrypt === false ? plain : JSON.stringify({ encrypt: encryptLarkPayload(plain, opts.encryptKey) });
  const signature = computeLarkSignature({ timestamp, nonce, encryptKey: opts.encryptKey, rawBody });
  return { rawBody, headers: headersWith(timestamp, nonce, signature) };
}

/** A legacy card.action.trigger_v1 delivery: plaintext body, sha1 keyed with the Verification Token. */
export function signedLegacyCardRequest(
  body: object,
  opts: { verificationToken: string; timestamp?: string; nonce?: string },
): SignedRequest {
  const { timestamp, nonce } = signingParts(opts);
  const rawBody = JSON.stringify(body);
  const signature = computeLegacyCardSignature({ timestamp, nonce, verificationToken: opts.verificationToken, rawBody });
  return { rawBody, headers: headersWith(timestamp, nonce, signature) };
}
