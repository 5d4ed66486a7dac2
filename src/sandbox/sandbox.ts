import crypto from 'node:crypto';
import path from 'node:path';
import type { Config } from '../config';
import type { Homewatch } from '../homewatch';
import type { Logger } from '../shared/logger';
import { DEMO_ADMIN, DEMO_CHATS, DEMO_USERS } from './demo';
import { type LarkPlatform, startLarkPlatform } from './lark-platform';
import { createSandboxRoutes } from './routes';
import { createSandboxClock } from './sandbox-clock';
import { openSandboxStore, type SandboxStore } from './sandbox-store';
import { seedDemo } from './seed';
import { createSimulator, type Simulator } from './simulator';

const BOT_NAME = 'homewatch';
// The SDK's WSClient refuses an app id that is not `cli_` and 16 hex digits (LARK.md §6).
const SANDBOX_APP_ID = 'cli_5a4db0c05a4db0c0';

export interface Sandbox {
  /** The bot's configuration: Lark is the simulator, with secrets made up for this run. */
  config: Config;
  /** The clock the bot does its work by: real time, or the simulated time (sandbox-clock.ts). */
  workNow: () => Date;
  /** Adds /sandbox to the bot's app; call before the server starts serving. */
  mount(homewatch: Homewatch): void;
  /** Once the bot listens at `appUrl`: the user side can reach it; seeds the demo on first start. */
  start(appUrl: string): void;
  /** After the bot stopped (its last sends need the platform): saves the chats and closes. */
  stop(): Promise<void>;
}

/**
 * Sandbox mode: a simulated Lark on both sides of the bot. The bot itself runs unchanged:
 * its SDK calls go to the Open Platform simulator, and the page's users reach it through
 * its real webhook, encrypted and signed with this run's secrets.
 */
export async function createSandbox(input: { config: Config; logger: Logger }): Promise<Sandbox> {
  const { logger } = input;
  const appSecret = crypto.randomBytes(16).toString('hex');
  // Fresh each run and never written anywhere: nobody else can sign a delivery to this bot.
  const secrets = { verificationToken: crypto.randomBytes(16).toString('hex'), encryptKey: crypto.randomBytes(24).toString('base64') };
  const platform: LarkPlatform = await startLarkPlatform({ appId: SANDBOX_APP_ID, appSecret, botOpenId: 'ou_sandbox_bot', recordCalls: false });
  // A card Lark would refuse never reaches the chat: say so where a developer looks.
  platform.onChange(() => {
    for (const r of platform.cardRefusals.splice(0)) logger.warn({ card: r.title, code: r.code, violations: r.violations }, 'sandbox: Lark refuses this card');
  });
  for (const user of DEMO_USERS) platform.setUser(user.openId, user.name);
  for (const chat of DEMO_CHATS) {
    platform.setMembers(chat.chatId, chat.members.map((key) => DEMO_USERS.find((u) => u.key === key)!.openId));
  }
  const store: SandboxStore = openSandboxStore({ dir: path.join(input.config.dataDir, 'sandbox'), platform });
  const clock = createSandboxClock({ store });
  let appUrl = '';
  const connection = input.config.larkTransport.connection;
  const simulator: Simulator = createSimulator({ platform, store, secrets, appUrl: () => appUrl, people: DEMO_USERS, botName: BOT_NAME, connection });
  if (connection === 'websocket') logger.info('sandbox: LARK_CONNECTION=websocket, the bot receives over the long connection it opens to the simulated Lark');
  const stopping = new AbortController();

  return {
    config: {
      ...input.config,
      host: input.config.sandbox!.host,
      lark: { appId: SANDBOX_APP_ID, appSecret, ...secrets, domain: platform.url, transport: input.config.larkTransport },
      admins: [...input.config.admins, DEMO_ADMIN.openId],
    },
    workNow: clock.now,
    mount(homewatch) {
      homewatch.app.route('/sandbox', createSandboxRoutes({ homewatch, platform, store, simulator, clock, timeZone: input.config.timeZone, logger }));
    },
    start(url) {
      appUrl = url;
      seedDemo({ simulator, platform, store, logger, signal: stopping.signal }).catch((e: unknown) => {
        if (stopping.signal.aborted) return;
        logger.error({ err: e instanceof Error ? e.message : String(e) }, 'sandbox: demo setup failed; it runs again on the next start');
      });
    },
    async stop() {
      stopping.abort();
      await store.flush();
      await platform.close();
    },
  };
}
