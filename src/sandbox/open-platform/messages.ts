import crypto from 'node:crypto';
import { recordCardRefusal } from '../card-refusal';
import { findMessage as findIn, type PlatformState } from './state';
import { asRecord, invalidParam, LarkError, ok, randomHex, type Reply, type Req, TENANT_KEY } from './support';
import type { PlatformMessage } from './types';

/** Sending, replying and PATCHing messages (LARK.md §5.3, §5.4, §4.4a), with uuid dedup and the per-chat limit. */

const UUID_WINDOW_MS = 60 * 60 * 1000;
const RECEIVE_ID_PREFIX: Record<string, string | undefined> = {
  chat_id: 'oc_',
  open_id: 'ou_',
  union_id: 'on_',
  user_id: undefined,
  email: undefined,
};
const MSG_TYPES = new Set([
  'text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user',
]);
// Documented content limits (LARK.md §5.3): cards/posts are much tighter than text.
const MAX_CONTENT_BYTES: Record<string, number> = { interactive: 30 * 1024, post: 30 * 1024 };
const MAX_TEXT_BYTES = 150 * 1024;

export function createMessagesArea(state: PlatformState) {
  const { appId, messages, incoming, unreachable, cardRefusals } = state;
  const uuids = new Map<string, { message: PlatformMessage; at: number }>();
  const sendsPerChat = new Map<string, number[]>();
  let perChatQps: number | null = null;
  let rateLimited = 0;
  const findMessage = (id: string) => findIn(state, id);

  function checkContent(msgType: unknown, content: unknown): { msgType: string; content: string; parsed: unknown } {
    if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) throw invalidParam(`invalid msg_type ${String(msgType)}`);
    if (typeof content !== 'string') throw invalidParam('content must be a JSON string');
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw invalidParam('content is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidParam('content must encode a JSON object');
    }
    if (msgType === 'text' && typeof (parsed as { text?: unknown }).text !== 'string') {
      throw invalidParam('text content needs a "text" string');
    }
    const refused = msgType === 'interactive' ? recordCardRefusal(cardRefusals, 'message', parsed) : null;
    if (refused) throw new LarkError(400, refused.code, refused.msg);
    if (Buffer.byteLength(content) > (MAX_CONTENT_BYTES[msgType] ?? MAX_TEXT_BYTES)) {
      throw new LarkError(400, 230025, 'The message content is too long.');
    }
    return { msgType, content, parsed };
  }

  function checkUuid(uuid: unknown): string | undefined {
    if (uuid === undefined || uuid === null || uuid === '') return undefined;
    if (typeof uuid !== 'string' || uuid.length > 50) throw invalidParam('uuid must be a string of at most 50 chars');
    return uuid;
  }

  function duplicateOf(uuid: string | undefined): PlatformMessage | undefined {
    if (!uuid) return undefined;
    const seen = uuids.get(uuid);
    return seen && Date.now() - seen.at < UUID_WINDOW_MS ? seen.message : undefined;
  }

  function admitToChat(chatKey: string): void {
    if (unreachable.has(chatKey)) throw new LarkError(400, 230002, 'The bot can not be outside the group.');
    if (perChatQps === null) return;
    const now = Date.now();
    const recent = (sendsPerChat.get(chatKey) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= perChatQps) {
      rateLimited += 1;
      sendsPerChat.set(chatKey, recent);
      throw new LarkError(400, 230020, 'This operation triggers the frequency limit.');
    }
    recent.push(now);
    sendsPerChat.set(chatKey, recent);
  }

  function record(message: PlatformMessage): void {
    messages.push(message);
    if (message.uuid) uuids.set(message.uuid, { message, at: message.createdAt });
  }

  function messageView(m: PlatformMessage) {
    const created = String(m.createdAt);
    const root = m.replyTo ? (findMessage(m.replyTo)?.replyTo ?? m.replyTo) : undefined;
    return {
      message_id: m.messageId,
      ...(m.replyTo ? { root_id: root, parent_id: m.replyTo } : {}),
      msg_type: m.msgType,
      create_time: created,
      update_time: m.patches.length ? String(Date.now()) : created,
      deleted: false,
      updated: m.patches.length > 0,
      chat_id: m.chatId,
      sender: { id: appId, id_type: 'app_id', sender_type: 'app', tenant_key: TENANT_KEY },
      body: { content: m.patches.at(-1) ?? m.content },
    };
  }

  function sendMessage(req: Req): Reply {
    const receiveIdType = req.query.receive_id_type;
    if (!receiveIdType || !(receiveIdType in RECEIVE_ID_PREFIX)) {
      throw invalidParam(`invalid receive_id_type ${String(receiveIdType)}`);
    }
    const body = asRecord(req.body);
    const receiveId = body.receive_id;
    if (typeof receiveId !== 'string' || !receiveId) throw invalidParam('receive_id is required');
    const prefix = RECEIVE_ID_PREFIX[receiveIdType];
    if (prefix && !receiveId.startsWith(prefix)) {
      throw invalidParam(`receive_id ${receiveId} is not a valid ${receiveIdType}`);
    }
    const { msgType, content, parsed } = checkContent(body.msg_type, body.content);
    const uuid = checkUuid(body.uuid);
    const duplicate = duplicateOf(uuid);
    if (duplicate) return ok(messageView(duplicate));
    admitToChat(receiveId);
    const message: PlatformMessage = {
      messageId: `om_${randomHex(16)}`,
      chatId: receiveIdType === 'chat_id' ? receiveId : p2pChatId(receiveId),
      receiveIdType,
      receiveId,
      msgType,
      content,
      parsedContent: parsed,
      ...(uuid ? { uuid } : {}),
      patches: [],
      createdAt: Date.now(),
    };
    record(message);
    return ok(messageView(message));
  }

  function replyMessage(req: Req, parentId: string): Reply {
    const parentChat = findMessage(parentId)?.chatId ?? incoming.get(parentId);
    if (!parentChat) throw invalidParam(`invalid message_id ${parentId}`);
    const body = asRecord(req.body);
    const { msgType, content, parsed } = checkContent(body.msg_type, body.content);
    const uuid = checkUuid(body.uuid);
    const duplicate = duplicateOf(uuid);
    if (duplicate) return ok(messageView(duplicate));
    admitToChat(parentChat);
    const message: PlatformMessage = {
      messageId: `om_${randomHex(16)}`,
      chatId: parentChat,
      receiveIdType: 'chat_id',
      receiveId: parentChat,
      msgType,
      content,
      parsedContent: parsed,
      replyTo: parentId,
      ...(body.reply_in_thread === true ? { replyInThread: true } : {}),
      ...(uuid ? { uuid } : {}),
      patches: [],
      createdAt: Date.now(),
    };
    record(message);
    return ok(messageView(message));
  }

  function patchMessage(req: Req, messageId: string): Reply {
    const message = findMessage(messageId);
    if (!message) {
      if (incoming.has(messageId)) throw new LarkError(400, 230027, 'Lack of necessary permissions.');
      throw invalidParam(`invalid message_id ${messageId}`);
    }
    if (message.msgType !== 'interactive') throw invalidParam('only interactive messages can be updated');
    const { content } = checkContent('interactive', asRecord(req.body).content);
    message.patches.push(content);
    return { status: 200, body: { code: 0, data: {}, msg: 'ok' } };
  }

  return {
    sendMessage,
    replyMessage,
    patchMessage,
    record,
    get rateLimited() {
      return rateLimited;
    },
    limitPerChat(qps: number | null) {
      perChatQps = qps;
      sendsPerChat.clear();
    },
    textsTo(target: string) {
      return messages
        .filter((m) => m.chatId === target || m.receiveId === target)
        .map((m) => textOf(m.msgType, m.patches.at(-1) ?? m.content));
    },
    reset() {
      uuids.clear();
      sendsPerChat.clear();
      perChatQps = null;
      rateLimited = 0;
    },
  };
}

/** Real Lark reports a p2p chat id for messages sent by open_id; derive a stable one. */
export function p2pChatId(receiveId: string): string {
  return `oc_p2p_${crypto.createHash('sha1').update(receiveId).digest('hex').slice(0, 24)}`;
}

function textOf(msgType: string, content: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return content;
  }
  if (msgType === 'text') {
    const text = (parsed as { text?: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return collectStrings(parsed).join(' ');
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}
