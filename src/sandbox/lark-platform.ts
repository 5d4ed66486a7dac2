import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLongConnectionGateway } from './long-connection/gateway';
import { emptyMultipart, isMultipart, type MultipartFields, multipartSummary, parseMultipart } from './multipart';
import { createAuth } from './open-platform/auth';
import { createCardsArea } from './open-platform/cards';
import { createChatsArea } from './open-platform/chats';
import { createFaults } from './open-platform/faults';
import { createFilesArea } from './open-platform/files';
import { flattenHeaders, parseJsonBody, readBody, send } from './open-platform/http';
import { createMessagesArea } from './open-platform/messages';
import { createPlatformState } from './open-platform/state';
import { LarkError, type Reply, type Req } from './open-platform/support';
import type { LarkPlatform } from './open-platform/types';

export { p2pChatId } from './open-platform/messages';
export type {
  LarkPlatform,
  PlatformCardUpdate,
  PlatformFile,
  PlatformImage,
  PlatformMessage,
  PlatformSnapshot,
  RecordedCall,
  ScriptedAnswer,
} from './open-platform/types';

/**
 * A simulator of the Lark Open Platform HTTP API (shapes from /work/shared/LARK.md §5) served over
 * real HTTP, so the real `lark.Client` (axios, token manager, multipart) runs end to end against it:
 *   new lark.Client({ appId, appSecret, domain: platform.url, cache: new lark.DefaultCache() })
 * Tests use it as their fake Lark; sandbox mode (src/sandbox/) uses it as the Lark the bot talks to.
 * Each API area lives in src/sandbox/open-platform/; the long connection in src/sandbox/long-connection/.
 */

export const PLATFORM_APP_ID = 'cli_a1b2c3d4e5f60718';
export const PLATFORM_APP_SECRET = 'fake-app-secret';

export async function startLarkPlatform(
  opts: {
    appId?: string;
    appSecret?: string;
    botOpenId?: string;
    /** Keep every request in `calls` (tests inspect them); a long-running sandbox turns it off. */
    recordCalls?: boolean;
  } = {},
): Promise<LarkPlatform> {
  const state = createPlatformState({
    appId: opts.appId ?? PLATFORM_APP_ID,
    appSecret: opts.appSecret ?? PLATFORM_APP_SECRET,
    botOpenId: opts.botOpenId ?? 'ou_bot_homewatch',
  });
  const { appId, appSecret, botOpenId, calls, messages, files, images, cardUpdates, cardRefusals, changeListeners } = state;
  const auth = createAuth({ appId, appSecret });
  const faults = createFaults();
  const sent = createMessagesArea(state);
  const cards = createCardsArea(state);
  const uploads = createFilesArea(state);
  const chats = createChatsArea(state);
  const longConnection = createLongConnectionGateway({ appId, appSecret, checkCallbackCard: cards.checkCallbackCard });
  let wsBase = '';
  const hanging = new Set<http.ServerResponse>();

  function route(req: Req, multipart: MultipartFields | undefined): Reply {
    const { method, path } = req;
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return auth.issueToken(req.body);
    if (method === 'POST' && path === '/callback/ws/endpoint') return longConnection.endpoint(req.body, wsBase);
    auth.authenticate(req.headers);

    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return { status: 200, body: { code: 0, msg: 'ok', bot: { open_id: botOpenId, app_name: 'homewatch', activate_status: 2, avatar_url: '', ip_white_list: [] } } };
    }
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return sent.sendMessage(req);
    if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') return cards.delayedCardUpdate(req);
    if (method === 'POST' && path === '/open-apis/im/v1/files') return uploads.uploadFile(multipart ?? emptyMultipart());
    if (method === 'POST' && path === '/open-apis/im/v1/images') return uploads.uploadImage(multipart ?? emptyMultipart());

    let m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (m && method === 'POST') return sent.replyMessage(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return uploads.downloadResource(req, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!));
    m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (m && method === 'PATCH') return sent.patchMessage(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members\/is_in_chat$/.exec(path);
    if (m && method === 'GET') return chats.isInChat(decodeURIComponent(m[1]!));
    m = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members$/.exec(path);
    if (m && method === 'GET') return chats.listMembers(req, decodeURIComponent(m[1]!));
    m = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (m && method === 'GET') return chats.getUser(req, decodeURIComponent(m[1]!));

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
      reply = faults.scriptedFault(method, url.pathname) ?? route(request, multipart);
    } catch (error) {
      if (!(error instanceof LarkError)) throw error;
      reply = { status: error.status, body: { code: error.code, msg: error.message }, headers: error.headers };
    }
    if (faults.hangs({ method, path: url.pathname })) {
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
  const { incoming, resources, members, users, unreachable } = state;

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
    checkCallbackCard: cards.checkCallbackCard,
    showCallbackCard: cards.showCallbackCard,
    get rateLimited() {
      return sent.rateLimited;
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
    limitPerChat: sent.limitPerChat,
    failNext: faults.failNext,
    hangAfterHandling: faults.hangAfterHandling,
    failWhile: faults.failWhile,
    clearFaults: faults.clearFaults,
    expireTokens: auth.expireTokens,
    textsTo: sent.textsTo,
    async waitFor(predicate, timeoutMs = 2000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`lark simulator: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      for (const list of [calls, messages, files, images, cardUpdates, cardRefusals]) list.length = 0;
      sent.reset();
      cards.reset();
      faults.reset();
    },
    onChange(listener) {
      changeListeners.push(listener);
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
      for (const m of snapshot.messages) sent.record(m);
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
