import type { CardRefusal } from '../card-refusal';
import type { PlatformCardUpdate, PlatformFile, PlatformImage, PlatformMessage, RecordedCall } from './types';

/** What the simulator knows, shared by its API areas (each keeps its own bookkeeping besides). */
export interface PlatformState {
  appId: string;
  appSecret: string;
  botOpenId: string;
  calls: RecordedCall[];
  messages: PlatformMessage[];
  files: PlatformFile[];
  images: PlatformImage[];
  cardUpdates: PlatformCardUpdate[];
  cardRefusals: CardRefusal[];
  /** User messages replies may target: messageId → chatId. */
  incoming: Map<string, string>;
  /** Files users sent, by `${messageId}/${fileKey}`. */
  resources: Map<string, { bytes: Buffer; fileName: string }>;
  members: Map<string, string[]>;
  /** openId → name. */
  users: Map<string, string>;
  /** Chats the bot is not in. */
  unreachable: Set<string>;
  changeListeners: (() => void)[];
}

export function createPlatformState(ids: { appId: string; appSecret: string; botOpenId: string }): PlatformState {
  return {
    ...ids,
    calls: [],
    messages: [],
    files: [],
    images: [],
    cardUpdates: [],
    cardRefusals: [],
    incoming: new Map(),
    resources: new Map(),
    members: new Map(),
    users: new Map(),
    unreachable: new Set(),
    changeListeners: [],
  };
}

export const findMessage = (state: PlatformState, id: string) => state.messages.find((m) => m.messageId === id);
