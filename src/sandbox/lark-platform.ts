import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMultipart, type MultipartFields, multipartSummary, parseMultipart, emptyMultipart } from './multipart';
import { type CardRefusal, recordCardRefusal } from './card-refusal';
import { createLongConnectionGateway, type LongConnectionGateway } from './long-connection/gateway';

/**
 * A simulator of the Lark Open Platform HTTP API (shapes from /work/shared/LARK.md §5) served over
 * real HTTP, so the real `lark.Client` (axios, token manager, multipart) runs end to end against it:
 *   new lark.Client({ appId, appSecret, domain: platform.url, cache: new lark.DefaultCache() })
 * Tests use it as their fake Lark; sandbox mode (src/sandbox/) uses it as the Lark the bot talks to.
 */

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, multipart fields (files as {fileName, contentType, size}), raw text, or undefined. */
  body: unknown;
  at: number;
}

export interface PlatformMessage {
  messageId: string;
  chatId?: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  /** Exactly as sent (a JSON string). */
  content: string;
  parsedContent: unknown;
  replyTo?: string;
  replyInThread?: boolean;
  uuid?: string;
  /** Contents from PATCH, newest last. */
  patches: string[];
  createdAt: number;
}

export interface PlatformFile {
  fileKey: string;
  fileName: string;
  fileType: string;
  bytes: Buffer;
}

export interface PlatformImage {
  imageKey: string;
  imageType: string;
  bytes: Buffer;
}

export interface PlatformCardUpdate {
  token: string;
  card: unknown;
  at: number;
}

export interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface LarkPlatform {
  url: string;
  /** Lark's long-connection side (POST /callback/ws/endpoint and the WebSocket), on the same port. */
  longConnection: LongConnectionGateway;
  appId: string;
  botOpenId: string;
  calls: RecordedCall[];
  messages: PlatformMessage[];
  files: PlatformFile[];
  images: PlatformImage[];
  cardUpdates: PlatformCardUpdate[];
  /** Cards Lark would not build (strict Card JSON 2.0 check), sent, patched or returned by a callback. */
  cardRefusals: CardRefusal[];
  /** How many sends/replies the per-chat limiter refused. */
  readonly rateLimited: number;
  /** Makes a user message known so replies to it land in its chat. */
  registerIncoming(messageId: string, chatId: string): void;
  addResource(messageId: string, fileKey: string, bytes: Buffer, fileName?: string): void;
  setMembers(chatId: string, openIds: string[]): void;
  /** A person of the tenant: the contact API and the member lists answer with this name. */
  setUser(openId: string, name: string): void;
  /** The bot was removed from (or never added to) this chat. */
  setUnreachable(chatId: string, unreachable?: boolean): void;
  /** Refuse sends/replies beyond `qps` per chat within a sliding second; null turns it off. */
  limitPerChat(qps: number | null): void;
  failNext(match: { method?: string; pathPrefix?: string }, answer: ScriptedAnswer, times?: number): void;
  failWhile(predicate: (req: { method: string; path: string }) => ScriptedAnswer | null): void;
  /**
   * Matching requests are carried out (a message is created) but never answered, as when
   * Lark did the work and the caller died or timed out before hearing back. null turns it off.
   */
  hangAfterHandling(predicate: ((req: { method: string; path: string }) => boolean) | null): void;
  clearFaults(): void;
  expireTokens(): void;
  /** Texts of text messages, or all string values of other contents (current version after PATCH). */
  textsTo(chatIdOrOpenId: string): string[];
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Clears recordings, faults and limits; keeps tokens, members, users, resources and reachability. */
  reset(): void;
  /** Called after every request that may have changed what members see (sends, replies, patches, uploads). */
  onChange(listener: () => void): void;
  /** Lark checks the card a card callback answers with; a refused one is recorded and not shown. */
  checkCallbackCard(card: unknown): boolean;
  /** A card returned by a card callback replaces the message's card for everyone, as Lark shows it (update_multi). */
  showCallbackCard(messageId: string, card: unknown): void;
  /**
   * What members can see again after a restart: messages, uploads, the user messages replies
   * may target, and the files users sent (a restart must not make a file unreadable to /导入).
   */
  snapshot(): PlatformSnapshot;
  restore(snapshot: PlatformSnapshot): void;
  close(): Promise<void>;
}

export interface PlatformSnapshot {
  messages: PlatformMessage[];
  files: (Omit<PlatformFile, 'bytes'> & { base64: string })[];
  images: (Omit<PlatformImage, 'bytes'> & { base64: string })[];
  incoming: [messageId: string, chatId: string][];
  /** Missing in chats saved before users could send files. */
  resources?: [key: string, resource: { fileName: string; base64: string }][];
}

export const PLATFORM_APP_ID = 'cli_a1b2c3d4e5f60718';
export const PLATFORM_APP_SECRET = 'fake-app-secret';
const TENANT_KEY = 'tenant_fake';
const UUID_WINDOW_MS = 60 * 60 * 1000;
const CARD_TOKEN_USES = 2;

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
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
// Documented content limits (LARK.md §5.3): cards/posts are much tighter than text.
const MAX_CONTENT_BYTES: Record<string, number> = { interactive: 30 * 1024, post: 30 * 1024 };
const MAX_TEXT_BYTES = 150 * 1024;

class LarkError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
  }
}

const invalidParam = (detail: string) =>
  new LarkError(400, 230001, `Your request contains an invalid request parameter, ext=${detail}`);

interface Req {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> } | { binary: Buffer; fileName: string };

const randomHex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');
const ok = (data: unknown, msg = 'success') => ({ status: 200, body: { code: 0, msg, data } });

export async function startLarkPlatform(
  opts: {
    appId?: string;
    appSecret?: string;
    botOpenId?: string;
    /** Keep every request in `calls` (tests inspect them); a long-running sandbox turns it off. */
    recordCalls?: boolean;
  } = {},
): Promise<LarkPlatform> {
  const appId = opts.appId ?? PLATFORM_APP_ID;
  const appSecret = opts.appSecret ?? PLATFORM_APP_SECRET;
  const botOpenId = opts.botOpenId ?? 'ou_bot_homewatch';

  const calls: RecordedCall[] = [];
  const messages: PlatformMessage[] = [];
  const files: PlatformFile[] = [];
  const images: PlatformImage[] = [];
  const cardUpdates: PlatformCardUpdate[] = [];
  const cardRefusals: CardRefusal[] = [];
  const checkCallbackCard = (card: unknown) => recordCardRefusal(cardRefusals, 'callback', card) === null;
  const longConnection = createLongConnectionGateway({ appId, appSecret, checkCallbackCard });
  let wsBase = '';
  const validTokens = new Set<string>();
  const incoming = new Map<string, string>(); // messageId → chatId
  const resources = new Map<string, { bytes: Buffer; fileName: string }>();
  const members = new Map<string, string[]>();
  const users = new Map<string, string>(); // openId → name
  const unreachable = new Set<string>();
  const uuids = new Map<string, { message: PlatformMessage; at: number }>();
  const cardTokenUses = new Map<string, number>();
  const sendsPerChat = new Map<string, number[]>();
  let oneShotFaults: { method?: string; pathPrefix?: string; answer: ScriptedAnswer; remaining: number }[] = [];
  let persistentFaults: ((req: { method: string; path: string }) => ScriptedAnswer | null)[] = [];
  let hangAfter: ((req: { method: string; path: string }) => boolean) | null = null;
  const hanging = new Set<http.ServerResponse>();
  let perChatQps: number | null = null;
  let rateLimited = 0;
  const changeListeners: (() => void)[] = [];

  const findMessage = (id: string) => messages.find((m) => m.messageId === id);

  function scriptedFault(method: string, path: string): ScriptedAnswer | null {
    const rule = oneShotFaults.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.pathPrefix || path.startsWith(f.pathPrefix)),
    );
    if (rule) {
      rule.remaining -= 1;
      oneShotFaults = oneShotFaults.filter((f) => f.remaining > 0);
      return rule.answer;
    }
    for (const predicate of persistentFaults) {
      const answer = predicate({ method, path });
      if (answer) return answer;
    }
    return null;
  }

  function authenticate(headers: Record<string, string>): void {
    const header = headers.authorization;
    if (!header) {
      throw new LarkError(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
    }
    const token = header.replace(/^Bearer\s+/i, '');
    if (!validTokens.has(token)) {
      throw new LarkError(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    }
  }

  function issueToken(body: unknown): Reply {
    const { app_id, app_secret } = asRecord(body);
    if (app_id !== appId) return { status: 400, body: { code: 10003, msg: 'invalid param' } };
    if (app_secret !== appSecret) return { status: 400, body: { code: 10014, msg: 'app secret invalid' } };
    const token = `t-${randomHex(20)}`;
    validTokens.add(token);
    return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
  }

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

  function uploadFile(raw: MultipartFields): Reply {
    const fileType = raw.fields.file_type;
    const fileName = raw.fields.file_name;
    const file = raw.files.file;
    if (!fileType || !FILE_TYPES.has(fileType) || !fileName || !file) {
      return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    }
    if (file.bytes.length === 0) return { status: 400, body: { code: 234010, msg: 'File size cannot be 0.' } };
    if (file.bytes.length > 30 * 1024 * 1024) return { status: 400, body: { code: 234006, msg: 'The file size exceed the max value.' } };
    const fileKey = `file_v3_${randomHex(12)}`;
    files.push({ fileKey, fileName, fileType, bytes: file.bytes });
    return ok({ file_key: fileKey });
  }

  function uploadImage(raw: MultipartFields): Reply {
    const imageType = raw.fields.image_type;
    const image = raw.files.image;
    if ((imageType !== 'message' && imageType !== 'avatar') || !image) {
      return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    }
    if (image.bytes.length === 0) return { status: 400, body: { code: 234010, msg: 'File size cannot be 0.' } };
    if (image.bytes.length > 10 * 1024 * 1024) return { status: 400, body: { code: 234006, msg: 'The file size exceed the max value.' } };
    const imageKey = `img_v3_${randomHex(12)}`;
    images.push({ imageKey, imageType, bytes: image.bytes });
    return ok({ image_key: imageKey });
  }

  function downloadResource(req: Req, messageId: string, fileKey: string): Reply {
    const type = req.query.type;
    if (type !== 'file' && type !== 'image') return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } };
    const resource = resources.get(`${messageId}/${fileKey}`) ?? uploadedResource(fileKey);
    if (!resource) return { status: 400, body: { code: 234003, msg: 'File not in msg.' } };
    return { binary: resource.bytes, fileName: resource.fileName };
  }

  function uploadedResource(key: string) {
    const file = files.find((f) => f.fileKey === key);
    if (file) return { bytes: file.bytes, fileName: file.fileName };
    const image = images.find((i) => i.imageKey === key);
    return image ? { bytes: image.bytes, fileName: `${key}.png` } : undefined;
  }

  function listMembers(req: Req, chatId: string): Reply {
    if (unreachable.has(chatId)) return { status: 400, body: { code: 232011, msg: 'Operator can NOT be out of the chat.' } };
    const all = members.get(chatId) ?? [];
    const pageSize = clampInt(req.query.page_size, 1, 100, 20);
    const start = clampInt(req.query.page_token, 0, Number.MAX_SAFE_INTEGER, 0);
    const page = all.slice(start, start + pageSize);
    const next = start + page.length;
    return ok({
      items: page.map((openId) => ({ member_id_type: 'open_id', member_id: openId, ...(users.has(openId) ? { name: users.get(openId) } : {}), tenant_key: TENANT_KEY })),
      page_token: next < all.length ? String(next) : '',
      has_more: next < all.length,
      member_total: all.length,
    });
  }

  /** GET /open-apis/contact/v3/users/:user_id (LARK.md §5.6); someone outside the tenant is refused as Lark refuses an id out of the app's range. */
  function getUser(req: Req, openId: string): Reply {
    if ((req.query.user_id_type ?? 'open_id') !== 'open_id') throw invalidParam('this simulator knows users by open_id only');
    const name = users.get(openId);
    if (name === undefined) return { status: 400, body: { code: 41050, msg: 'no user authority error' } };
    const suffix = openId.replace(/^ou_/, '');
    return ok({ user: { open_id: openId, union_id: `on_${suffix}`, user_id: `u_${suffix}`, name, en_name: '', nickname: '', avatar: {} } });
  }

  function route(req: Req, multipart: MultipartFields | undefined): Reply {
    const { method, path } = req;
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return issueToken(req.body);
    if (method === 'POST' && path === '/callback/ws/endpoint') return longConnection.endpoint(req.body, wsBase);
    authenticate(req.headers);

    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return { status: 200, body: { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: 'homewatch', activate_status: 2, avatar_url: '', ip_white_list: [] } } };
    }
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return sendMessage(req);
    if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') return delayedCardUpdate(req);
    if (method === 'POST' && path === '/open-apis/im/v1/files') return uploadFile(multipart ?? emptyMultipart());
    if (method === 'POST' && path === '/open-apis/im/v1/images') return uploadImage(multipart ?? emptyMultipart());

    let m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (m && method === 'POST') return replyMessage(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return downloadResource(req, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (m && method === 'PATCH') return patchMessage(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members\/is_in_chat$/.exec(path);
    if (m && method === 'GET') return ok({ is_in_chat: !unreachable.has(decodeURIComponent(m[1]!)) });
    m = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(path);
    if (m && method === 'GET') return listMembers(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return getUser(req, decodeURIComponent(m[1]!));

    return { status: 404, body: { code: 404, msg: `lark simulator: no route for ${method} ${path}` } };
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://lark.simulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = flattenHeaders(req.headers);
    const rawBody = await readBody(req);
    const multipart = isMultipart(headers['content-type']) ? parseMultipart(rawBody, headers['content-type']!) : undefined;
    const request: Req = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: multipart ? multipartSummary(multipart) : parseJsonBody(rawBody),
    };
    if (opts.recordCalls !== false) calls.push({ ...request, at: Date.now() });

    let reply: Reply;
    try {
      reply = scriptedFault(method, url.pathname) ?? route(request, multipart);
    } catch (error) {
      if (!(error instanceof LarkError)) throw error;
      reply = { status: error.status, body: { code: error.code, msg: error.message }, headers: error.headers };
    }
    if (hangAfter?.({ method, path: url.pathname })) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    send(res, reply);
    if (method !== 'GET') for (const listener of changeListeners) listener();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, { status: 500, body: { code: 500, msg: `lark simulator crashed: ${String(error)}` } });
    });
  });
  server.on('upgrade', (req, socket, head) => longConnection.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  wsBase = `ws://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    longConnection,
    appId,
    botOpenId,
    calls,
    messages,
    files,
    images,
    cardUpdates,
    cardRefusals,
    checkCallbackCard,
    get rateLimited() {
      return rateLimited;
    },
    registerIncoming(messageId, chatId) {
      incoming.set(messageId, chatId);
    },
    addResource(messageId, fileKey, bytes, fileName = fileKey) {
      resources.set(`${messageId}/${fileKey}`, { bytes, fileName });
    },
    setMembers(chatId, openIds) {
      members.set(chatId, [...openIds]);
    },
    setUser(openId, name) {
      users.set(openId, name);
    },
    setUnreachable(chatId, value = true) {
      if (value) unreachable.add(chatId);
      else unreachable.delete(chatId);
    },
    limitPerChat(qps) {
      perChatQps = qps;
      sendsPerChat.clear();
    },
    failNext(match, answer, times = 1) {
      oneShotFaults.push({ ...match, answer, remaining: times });
    },
    hangAfterHandling(predicate) {
      hangAfter = predicate;
    },
    failWhile(predicate) {
      persistentFaults.push(predicate);
    },
    clearFaults() {
      oneShotFaults = [];
      persistentFaults = [];
    },
    expireTokens() {
      validTokens.clear();
    },
    textsTo(target) {
      return messages
        .filter((m) => m.chatId === target || m.receiveId === target)
        .map((m) => textOf(m.msgType, m.patches.at(-1) ?? m.content));
    },
    async waitFor(predicate, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`lark simulator: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      calls.length = 0;
      messages.length = 0;
      files.length = 0;
      images.length = 0;
      cardUpdates.length = 0;
      cardRefusals.length = 0;
      uuids.clear();
      cardTokenUses.clear();
      sendsPerChat.clear();
      oneShotFaults = [];
      persistentFaults = [];
      hangAfter = null;
      perChatQps = null;
      rateLimited = 0;
    },
    onChange(listener) {
      changeListeners.push(listener);
    },
    showCallbackCard(messageId, card) {
      const message = findMessage(messageId);
      if (!message || message.msgType !== 'interactive' || !checkCallbackCard(card)) return;
      message.patches.push(JSON.stringify(card));
      for (const listener of changeListeners) listener();
    },
    snapshot() {
      return {
        messages: [...messages],
        files: files.map(({ bytes, ...f }) => ({ ...f, base64: bytes.toString('base64') })),
        images: images.map(({ bytes, ...i }) => ({ ...i, base64: bytes.toString('base64') })),
        incoming: [...incoming],
        resources: [...resources].map(([key, r]) => [key, { fileName: r.fileName, base64: r.bytes.toString('base64') }]),
      };
    },
    restore(snapshot) {
      for (const m of snapshot.messages) record(m);
      for (const { base64, ...f } of snapshot.files) files.push({ ...f, bytes: Buffer.from(base64, 'base64') });
      for (const { base64, ...i } of snapshot.images) images.push({ ...i, bytes: Buffer.from(base64, 'base64') });
      for (const [messageId, chatId] of snapshot.incoming) incoming.set(messageId, chatId);
      for (const [key, r] of snapshot.resources ?? []) resources.set(key, { fileName: r.fileName, bytes: Buffer.from(r.base64, 'base64') });
    },
    async close() {
      await longConnection.close();
      // The SDK's axios uses keep-alive sockets; without closing them close() would hang.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
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

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const logId = `fake${randomHex(8)}`;
  if ('binary' in reply) {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${encodeURIComponent(reply.fileName)}"`,
      'x-tt-logid': logId,
    });
    res.end(reply.binary);
    return;
  }
  const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-tt-logid': logId,
    ...reply.headers,
  });
  res.end(payload);
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function clampInt(raw: string | undefined, min: number, max: number, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

