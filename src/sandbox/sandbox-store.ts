import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LarkPlatform, PlatformSnapshot } from './lark-platform';

/** What a demo user typed, or the file they sent. */
export type UserMessageBody = { text: string } | { file: { fileKey: string; fileName: string; size: number } };

/** A message a demo user sent, as the page shows it. */
export type UserMessage = {
  messageId: string;
  chatId: string;
  senderOpenId: string;
  createdAt: number;
} & UserMessageBody;

interface StoredState {
  seeded: boolean;
  userMessages: UserMessage[];
  platform: PlatformSnapshot;
  /** The simulated clock (sandbox-clock.ts); absent in chats saved before it existed. */
  clockOffsetMs?: number | null;
}

export interface SandboxStore {
  /** Grows with every change, so the page can ask "anything new since N?". */
  readonly version: number;
  readonly seeded: boolean;
  readonly userMessages: readonly UserMessage[];
  /** How far the simulated clock is from real time; null on real time. */
  readonly clockOffsetMs: number | null;
  setClockOffset(ms: number | null): void;
  addUserMessage(message: UserMessage): void;
  markSeeded(): void;
  /** Something members see changed (a user message, or anything on the platform). */
  changed(): void;
  /** Waits until everything changed so far is on disk. */
  flush(): Promise<void>;
}

/**
 * The chats' history lives next to the database (`DATA_DIR/sandbox/state.json`): the bot's
 * state survives a restart, so the messages and cards that refer to it must survive too,
 * or an old card's buttons and the outbox's pending replies would point at nothing.
 */
export function openSandboxStore(input: { dir: string; platform: LarkPlatform }): SandboxStore {
  const file = path.join(input.dir, 'state.json');
  mkdirSync(input.dir, { recursive: true });
  let seeded = false;
  let clockOffsetMs: number | null = null;
  const userMessages: UserMessage[] = [];
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as StoredState;
    seeded = stored.seeded;
    clockOffsetMs = stored.clockOffsetMs ?? null;
    userMessages.push(...stored.userMessages);
    input.platform.restore(stored.platform);
  }

  // Starts from the clock, so a page left open across a restart never mistakes the new
  // process's counter for the one it last saw.
  let version = Date.now();
  let saving: Promise<void> = Promise.resolve();
  let savedVersion = version;

  async function save() {
    if (savedVersion === version) return;
    const target = version;
    const state: StoredState = { seeded, userMessages, platform: input.platform.snapshot(), clockOffsetMs };
    // Write then rename, so a crash mid-write never leaves half a file behind.
    await writeFile(`${file}.tmp`, JSON.stringify(state));
    await rename(`${file}.tmp`, file);
    savedVersion = target;
  }
  const scheduleSave = () => {
    saving = saving.then(save, save);
  };

  const store: SandboxStore = {
    get version() {
      return version;
    },
    get seeded() {
      return seeded;
    },
    userMessages,
    get clockOffsetMs() {
      return clockOffsetMs;
    },
    setClockOffset(ms) {
      clockOffsetMs = ms;
      store.changed();
    },
    addUserMessage(message) {
      userMessages.push(message);
      store.changed();
    },
    markSeeded() {
      seeded = true;
      store.changed();
    },
    changed() {
      version += 1;
      scheduleSave();
    },
    flush: () => {
      scheduleSave();
      return saving;
    },
  };
  input.platform.onChange(() => store.changed());
  return store;
}
