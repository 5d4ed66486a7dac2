import type { CardRefusal } from '../card-refusal';
import type { LongConnectionGateway } from '../long-connection/gateway';

/** The public face of the Open Platform simulator (src/sandbox/lark-platform.ts). */

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
