import type { Logger } from '../shared/logger';
import { DEMO_ADMIN, demoChat, SEED_STEPS } from './demo';
import type { LarkPlatform } from './lark-platform';
import type { SandboxStore } from './sandbox-store';
import type { Simulator } from './simulator';

// A reply normally takes well under a second; the first one also waits for PGlite to warm up.
const REPLY_TIMEOUT_MS = 60_000;

/**
 * First start only: the administrator types the setup commands one by one, each after the
 * answer to the previous (a binding needs its village to exist). Every command is
 * idempotent, so a seed interrupted by a stop simply runs again on the next start.
 */
export async function seedDemo(input: { simulator: Simulator; platform: LarkPlatform; store: SandboxStore; logger: Logger; signal: AbortSignal }): Promise<void> {
  if (input.store.seeded) return;
  input.logger.info('sandbox: setting up the demo township (villages, group bindings, roles)');
  for (const step of SEED_STEPS) {
    const chat = demoChat(step.chat);
    input.signal.throwIfAborted();
    const { messageId } = await input.simulator.say({ fromOpenId: DEMO_ADMIN.openId, chatId: chat.chatId, isGroup: true, typed: step.text });
    await waitFor(() => input.platform.messages.some((m) => m.replyTo === messageId), { timeoutMs: REPLY_TIMEOUT_MS, signal: input.signal, what: `the answer to "${step.text}"` });
  }
  input.store.markSeeded();
  await input.store.flush();
  input.logger.info('sandbox: demo township ready');
}

async function waitFor(predicate: () => boolean, { timeoutMs, signal, what }: { timeoutMs: number; signal: AbortSignal; what: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    signal.throwIfAborted();
    if (Date.now() > deadline) throw new Error(`sandbox seed: no ${what} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
