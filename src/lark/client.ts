import * as lark from '@larksuiteoapi/node-sdk';
import type { LarkConfig } from '../config';

/** What the bot does on the Lark Open Platform. Only this module knows the SDK. */
export interface LarkApi {
  send(input: { receiveIdType: 'chat_id' | 'open_id'; receiveId: string; msgType: string; content: string; uuid: string }): Promise<{ messageId: string }>;
  reply(input: { messageId: string; msgType: string; content: string; uuid: string }): Promise<{ messageId: string }>;
  patch(input: { messageId: string; content: string }): Promise<void>;
  uploadFile(input: { fileType: 'xls' | 'pdf' | 'doc' | 'stream'; fileName: string; data: Buffer }): Promise<{ fileKey: string }>;
  /** A file someone sent in a message; refuses (permanent) one larger than maxBytes without reading it all. */
  downloadResource(input: { messageId: string; fileKey: string; maxBytes: number }): Promise<Buffer>;
  botOpenId(): Promise<string>;
  /** The user's name from the contact API (scope contact:user.base:readonly); null when Lark gives none. */
  userName(openId: string): Promise<string | null>;
  /** Every member of a group chat (bots are not listed), all pages. */
  chatMembers(chatId: string): Promise<{ openId: string; name: string | null }[]>;
}

/** A failed call, classified so the outbox knows whether to retry. */
export class LarkCallError extends Error {
  constructor(
    readonly kind: 'retryable' | 'permanent',
    readonly code: number | undefined,
    readonly status: number | undefined,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class ResourceTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`resource larger than ${maxBytes} bytes`);
  }
}

// Lark codes that a retry can fix: rate limits and a stale tenant token.
const RATE_LIMIT_CODES = new Set([99991400, 230020, 11232, 11233, 11247]);
const TOKEN_CODES = new Set([99991663, 99991661, 99991664, 99991671]);

/** Token cache whose entries we can drop when Lark says the token is no longer valid. */
class TokenCache {
  private values = new Map<string, { value: unknown; expiredTime?: number }>();
  async get(key: string | Symbol, options?: { namespace?: string }) {
    const entry = this.values.get(`${options?.namespace}/${String(key)}`);
    if (!entry || (entry.expiredTime && entry.expiredTime <= Date.now())) return undefined;
    return entry.value;
  }
  async set(key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }) {
    this.values.set(`${options?.namespace}/${String(key)}`, { value, expiredTime });
    return true;
  }
  clear() {
    this.values.clear();
  }
}

interface LarkEnvelope<Data = { message_id?: string }> {
  code?: number;
  msg?: string;
  data?: Data;
}

type UserEnvelope = LarkEnvelope<{ user?: { name?: string } }>;
type MembersEnvelope = LarkEnvelope<{ items?: { member_id?: string; name?: string }[]; page_token?: string; has_more?: boolean }>;

// 100 a page (the API's maximum): a village group of 500 is read in 5 calls.
const MEMBERS_PAGE_SIZE = 100;
const MAX_MEMBER_PAGES = 100;

const SILENT = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

/** `timeoutMs`: a call Lark has not answered by then counts as a network failure (retried; the uuid prevents a double). */
export function createLarkApi(config: LarkConfig, timeoutMs = 15_000): LarkApi {
  const cache = new TokenCache();
  const client = new lark.Client({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: config.domain,
    // Silenced: its error lines dump the whole axios request (the tenant token in the headers,
    // the message content); the outbox logs every failure itself, classified and masked.
    logger: SILENT,
    cache,
  });
  let botOpenId: string | undefined;

  /** Runs one SDK call; a rejected token is refreshed once and the call repeated (the SDK does not). */
  async function call<T extends LarkEnvelope<unknown>>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await withTimeout(run(), timeoutMs);
        if (res.code && res.code !== 0) throw classify(undefined, res.code, res.msg, undefined);
        return res;
      } catch (e) {
        const err = e instanceof LarkCallError ? e : fromAxios(e);
        if (err.code !== undefined && TOKEN_CODES.has(err.code) && attempt === 0) {
          cache.clear();
          continue;
        }
        throw err;
      }
    }
  }

  return {
    async send({ receiveIdType, receiveId, msgType, content, uuid }) {
      const res = await call(() =>
        client.im.v1.message.create({
          params: { receive_id_type: receiveIdType },
          data: { receive_id: receiveId, msg_type: msgType, content, uuid },
        }) as Promise<LarkEnvelope>,
      );
      return { messageId: res.data?.message_id ?? '' };
    },
    async reply({ messageId, msgType, content, uuid }) {
      const res = await call(() =>
        client.im.v1.message.reply({
          path: { message_id: messageId },
          data: { msg_type: msgType, content, uuid },
        }) as Promise<LarkEnvelope>,
      );
      return { messageId: res.data?.message_id ?? '' };
    },
    async patch({ messageId, content }) {
      await call(() => client.im.v1.message.patch({ path: { message_id: messageId }, data: { content } }) as Promise<LarkEnvelope>);
    },
    async uploadFile({ fileType, fileName, data }) {
      // The SDK resolves uploads to `data` only ({ file_key }), not the usual envelope (LARK.md §5.1).
      let fileKey = '';
      await call(async () => {
        const res = (await client.im.v1.file.create({ data: { file_type: fileType, file_name: fileName, file: data } })) as { file_key?: string } | null;
        fileKey = res?.file_key ?? '';
        return { code: fileKey ? 0 : -1, msg: fileKey ? 'ok' : 'upload returned no file_key' };
      });
      return { fileKey };
    },
    async downloadResource({ messageId, fileKey, maxBytes }) {
      const download = async () => {
        // Answers with a byte stream, not the JSON envelope (LARK.md §5.1); errors still throw from axios.
        const res = await client.im.v1.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type: 'file' } });
        const chunks: Buffer[] = [];
        let size = 0;
        const stream = res.getReadableStream() as NodeJS.ReadableStream & AsyncIterable<Buffer> & { destroy(): void };
        for await (const chunk of stream) {
          size += chunk.length;
          if (size > maxBytes) {
            stream.destroy();
            throw new ResourceTooLargeError(maxBytes);
          }
          chunks.push(chunk);
        }
        return Buffer.concat(chunks);
      };
      for (let attempt = 0; ; attempt++) {
        try {
          return await withTimeout(download(), timeoutMs * 4);
        } catch (e) {
          if (e instanceof ResourceTooLargeError) throw e;
          const err = e instanceof LarkCallError ? e : fromAxios(e);
          if (err.code !== undefined && TOKEN_CODES.has(err.code) && attempt === 0) {
            cache.clear();
            continue;
          }
          throw err;
        }
      }
    },
    async botOpenId() {
      if (!botOpenId) {
        const res = (await call(() =>
          client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }) as Promise<LarkEnvelope>,
        )) as LarkEnvelope & { bot?: { open_id?: string } };
        botOpenId = res.bot?.open_id ?? '';
      }
      return botOpenId;
    },
    async userName(openId) {
      const res = await call(
        () => client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }) as Promise<UserEnvelope>,
      );
      return res.data?.user?.name ?? null;
    },
    async chatMembers(chatId) {
      const members: { openId: string; name: string | null }[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_MEMBER_PAGES; page++) {
        const res = await call(
          () =>
            client.im.v1.chatMembers.get({
              path: { chat_id: chatId },
              params: { member_id_type: 'open_id', page_size: MEMBERS_PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) },
            }) as Promise<MembersEnvelope>,
        );
        for (const m of res.data?.items ?? []) if (m.member_id) members.push({ openId: m.member_id, name: m.name ?? null });
        pageToken = res.data?.page_token;
        if (!res.data?.has_more || !pageToken) return members;
      }
      throw new LarkCallError('permanent', undefined, undefined, `chat ${chatId}: more than ${MAX_MEMBER_PAGES} pages of members`);
    },
  };
}

function fromAxios(e: unknown): LarkCallError {
  const err = e as {
    message?: string;
    response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
  };
  if (!err.response) return new LarkCallError('retryable', undefined, undefined, `network: ${err.message ?? String(e)}`);
  const reset = Number(err.response.headers?.['x-ogw-ratelimit-reset']);
  return classify(err.response.status, err.response.data?.code, err.response.data?.msg, Number.isFinite(reset) ? reset * 1000 : undefined);
}

function classify(status: number | undefined, code: number | undefined, msg: string | undefined, retryAfterMs: number | undefined): LarkCallError {
  const text = `lark ${status ?? ''} code=${code ?? '-'} ${msg ?? ''}`.trim();
  const retryable =
    status === undefined && code === undefined
      ? true
      : (status !== undefined && (status >= 500 || status === 429)) ||
        (code !== undefined && (RATE_LIMIT_CODES.has(code) || TOKEN_CODES.has(code)));
  return new LarkCallError(retryable ? 'retryable' : 'permanent', code, status, text, retryAfterMs);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LarkCallError('retryable', undefined, undefined, `no answer from Lark within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
