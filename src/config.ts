import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a known IANA time zone (e.g. Asia/Shanghai)' },
);

const dataKey = z.string().refine((s) => Buffer.from(s, 'base64').length === 32, {
  message: 'must be 32 random bytes in base64 (openssl rand -base64 32)',
});

/** Every setting, read from the environment once at start. Documented in README.md. */
export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    DATA_DIR: z.string().default('./data'),
    LARK_APP_ID: optionalText,
    LARK_APP_SECRET: optionalText,
    LARK_VERIFICATION_TOKEN: optionalText,
    LARK_ENCRYPT_KEY: optionalText,
    LARK_DOMAIN: z.url().default('https://open.feishu.cn'),
    LARK_CONNECTION: z.enum(['webhook', 'websocket']).default('webhook'),
    // Below Lark's ping interval (120 s): every ping re-arms the SDK's timer, so a longer one never fires.
    LARK_WS_PING_TIMEOUT_SECONDS: z.coerce.number().min(1).max(100).default(30),
    LARK_WS_WATCHDOG_SECONDS: z.coerce.number().min(0.05).max(3600).default(60),
    HOMEWATCH_ADMINS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    HOMEWATCH_TIMEZONE: timeZone.default('Asia/Shanghai'),
    HOMEWATCH_DATA_KEY: optionalText.pipe(dataKey.optional()),
    HOMEWATCH_POLICY_FILE: optionalText,
    HOMEWATCH_RATE_PER_CHAT: z.coerce.number().positive().max(100).default(5),
    HOMEWATCH_RATE_PER_APP: z.coerce.number().positive().max(1000).default(50),
    HOMEWATCH_OUTBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    HOMEWATCH_MEMBER_SYNC_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
    HOMEWATCH_INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    HOMEWATCH_SENDER_BURST: z.coerce.number().int().min(1).max(100_000).default(30),
    HOMEWATCH_SENDER_PER_MINUTE: z.coerce.number().positive().max(100_000).default(20),
    HOMEWATCH_LEGACY_CARD_CALLBACKS: z.enum(['on', 'off']).default('off'),
    HOMEWATCH_SANDBOX_HOST: z.string().trim().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  });

/** Rules between fields, checked on the raw environment so they are reported with the others. */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const set = (key: string) => Boolean(env[key]?.trim());
  const problems: string[] = [];
  if (set('DATABASE_URL') && !set('HOMEWATCH_DATA_KEY')) {
    problems.push('HOMEWATCH_DATA_KEY: required when DATABASE_URL is set (openssl rand -base64 32); keep it safe, data cannot be read without it');
  }
  if (set('LARK_APP_ID')) {
    // The long connection is authenticated by the App Secret; only webhooks carry the token.
    const webhook = (env.LARK_CONNECTION?.trim() || 'webhook') === 'webhook';
    for (const key of webhook ? ['LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN'] : ['LARK_APP_SECRET']) {
      if (!set(key)) problems.push(`${key}: required when LARK_APP_ID is set`);
    }
  }
  return problems;
}

export type Env = z.infer<typeof EnvSchema>;

export interface LarkConfig {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string | undefined;
  domain: string;
  transport: LarkTransport;
}

/** How Lark reaches the bot (docs/long-connection.md). */
export interface LarkTransport {
  /** Webhooks to /lark/*, or the long connection the bot dials out. */
  connection: 'webhook' | 'websocket';
  /** Long connection: seconds without a pong after a ping before the socket is treated as dead. */
  pingTimeoutSeconds: number;
  /** Long connection: how often the watchdog checks for a client that stopped retrying. */
  watchdogSeconds: number;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Undefined when no Lark app is configured (bare machine). */
  lark: LarkConfig | undefined;
  /**
   * Sandbox mode: set exactly when no Lark app is configured, so a real deployment can never
   * run the simulator. `host` replaces HOST: the page lets anyone speak as any demo user.
   */
  sandbox: { host: string } | undefined;
  larkDomain: string;
  /** Also read in sandbox mode, where the simulator plays Lark over the chosen transport. */
  larkTransport: LarkTransport;
  admins: string[];
  timeZone: string;
  /** Base64 key from the environment; when absent the key is generated under dataDir (PGlite only). */
  dataKey: string | undefined;
  policyFile: string | undefined;
  /** Lark allows 5 messages/s per chat (shared by all bots in it) and 50/s per API for the app. */
  rates: { perChatPerSecond: number; perAppPerSecond: number };
  /** How long a worker may hold an outbound message before another instance may retry it. */
  outboxLeaseSeconds: number;
  /** How often the member lists of the bound groups are read again from Lark. */
  memberSyncMinutes: number;
  /** Attempts at a delivery before it is set aside and answered 「处理失败，已记录，请联系管理员」. */
  inboxMaxAttempts: number;
  /** Messages one sender may have handled in a burst, and the refill per minute; beyond that 「操作太频繁」. */
  senderBudget: { burst: number; perMinute: number };
  /**
   * Accept legacy message-card callbacks (card.action.trigger_v1, signed with the
   * Verification Token only). Off unless set: the bot's own cards use the v2 callback.
   */
  legacyCardCallbacks: boolean;
  logLevel: Env['LOG_LEVEL'];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment; throws ConfigError naming every bad field. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const transport: LarkTransport = {
    connection: e.LARK_CONNECTION,
    pingTimeoutSeconds: e.LARK_WS_PING_TIMEOUT_SECONDS,
    watchdogSeconds: e.LARK_WS_WATCHDOG_SECONDS,
  };
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    lark: e.LARK_APP_ID
      ? {
          appId: e.LARK_APP_ID,
          appSecret: e.LARK_APP_SECRET!,
          verificationToken: e.LARK_VERIFICATION_TOKEN ?? '',
          encryptKey: e.LARK_ENCRYPT_KEY,
          domain: e.LARK_DOMAIN,
          transport,
        }
      : undefined,
    sandbox: e.LARK_APP_ID ? undefined : { host: e.HOMEWATCH_SANDBOX_HOST },
    larkDomain: e.LARK_DOMAIN,
    larkTransport: transport,
    admins: e.HOMEWATCH_ADMINS,
    timeZone: e.HOMEWATCH_TIMEZONE,
    dataKey: e.HOMEWATCH_DATA_KEY,
    policyFile: e.HOMEWATCH_POLICY_FILE,
    rates: { perChatPerSecond: e.HOMEWATCH_RATE_PER_CHAT, perAppPerSecond: e.HOMEWATCH_RATE_PER_APP },
    outboxLeaseSeconds: e.HOMEWATCH_OUTBOX_LEASE_SECONDS,
    memberSyncMinutes: e.HOMEWATCH_MEMBER_SYNC_MINUTES,
    inboxMaxAttempts: e.HOMEWATCH_INBOX_MAX_ATTEMPTS,
    senderBudget: { burst: e.HOMEWATCH_SENDER_BURST, perMinute: e.HOMEWATCH_SENDER_PER_MINUTE },
    legacyCardCallbacks: e.HOMEWATCH_LEGACY_CARD_CALLBACKS === 'on',
    logLevel: e.LOG_LEVEL,
  };
}
