import { DEMO_CHATS, DEMO_USERS } from './demo';
import { p2pChatId, type LarkPlatform } from './lark-platform';
import type { SandboxStore } from './sandbox-store';

export interface ViewMessage {
  messageId: string;
  chatId: string;
  /** A demo user's open_id; null for the bot. */
  senderOpenId: string | null;
  at: number;
  msgType: string;
  /** The content members see now (after any update), parsed; the typed text for users. */
  content: unknown;
  updated: boolean;
  replyTo?: string;
}

export interface SandboxView {
  version: number;
  seeding: boolean;
  users: { openId: string; name: string; privateChatId: string }[];
  chats: { chatId: string; name: string; members: string[] }[];
  messages: ViewMessage[];
  /** Uploaded files by key, for download links on file messages. */
  files: Record<string, string>;
  /** How the simulated Lark reaches the bot, and the long connection's state (null for webhooks). */
  transport: SandboxTransport;
  clock: SandboxClockView;
}

export interface SandboxClockView {
  /** The simulated time when this view was made (ms); null on real time. */
  simulatedAt: number | null;
  /** The township's zone, in which the page shows it. */
  timeZone: string;
}

export interface SandboxTransport {
  connection: 'webhook' | 'websocket';
  state: string | null;
}

/** Everything the page shows, from the platform's messages and the users' own. */
export function buildView(input: { platform: LarkPlatform; store: SandboxStore; transport: SandboxTransport; clock: SandboxClockView }): SandboxView {
  const { platform, store } = input;
  const openIdOf = (key: string) => DEMO_USERS.find((u) => u.key === key)!.openId;
  const fromUsers: ViewMessage[] = store.userMessages.map((m) => ({
    messageId: m.messageId,
    chatId: m.chatId,
    senderOpenId: m.senderOpenId,
    at: m.createdAt,
    // A sent file looks like Lark's file content, plus its size for the bubble.
    ...('file' in m
      ? { msgType: 'file', content: { file_key: m.file.fileKey, file_name: m.file.fileName, size: m.file.size } }
      : { msgType: 'text', content: { text: m.text } }),
    updated: false,
  }));
  const fromBot: ViewMessage[] = platform.messages.flatMap((m) =>
    m.chatId
      ? [
          {
            messageId: m.messageId,
            chatId: m.chatId,
            senderOpenId: null,
            at: m.createdAt,
            msgType: m.msgType,
            content: parseContent(m.patches.at(-1) ?? m.content),
            updated: m.patches.length > 0,
            ...(m.replyTo ? { replyTo: m.replyTo } : {}),
          },
        ]
      : [],
  );
  return {
    version: store.version,
    seeding: !store.seeded,
    users: DEMO_USERS.map((u) => ({ openId: u.openId, name: u.name, privateChatId: p2pChatId(u.openId) })),
    chats: DEMO_CHATS.map((c) => ({ chatId: c.chatId, name: c.name, members: c.members.map(openIdOf) })),
    messages: [...fromUsers, ...fromBot].sort((a, b) => a.at - b.at),
    files: Object.fromEntries([
      ...platform.files.map((f) => [f.fileKey, f.fileName]),
      ...platform.images.map((i) => [i.imageKey, `${i.imageKey}.png`]),
    ]),
    transport: input.transport,
    clock: input.clock,
  };
}

function parseContent(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return { text: content };
  }
}
