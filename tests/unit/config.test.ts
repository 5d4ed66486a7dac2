import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  it('has working defaults on a bare machine', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', timeZone: 'Asia/Shanghai', lark: undefined, databaseUrl: undefined, admins: [] });
  });

  it('reads Lark settings and the admin list', () => {
    const c = loadConfig({
      LARK_APP_ID: 'cli_x',
      LARK_APP_SECRET: 's',
      LARK_VERIFICATION_TOKEN: 't',
      LARK_DOMAIN: 'http://127.0.0.1:9999',
      HOMEWATCH_ADMINS: 'ou_a, ou_b,',
    });
    expect(c.lark).toEqual({
      appId: 'cli_x',
      appSecret: 's',
      verificationToken: 't',
      encryptKey: undefined,
      domain: 'http://127.0.0.1:9999',
      transport: { connection: 'webhook', pingTimeoutSeconds: 30, watchdogSeconds: 60 },
    });
    expect(c.admins).toEqual(['ou_a', 'ou_b']);
  });

  it('long-connection mode needs no Verification Token, and refuses an unknown mode by name', () => {
    const c = loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_CONNECTION: 'websocket', LARK_WS_PING_TIMEOUT_SECONDS: '10' });
    expect(c.lark?.transport).toEqual({ connection: 'websocket', pingTimeoutSeconds: 10, watchdogSeconds: 60 });
    expect(() => loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_CONNECTION: 'websocket' })).not.toThrow();
    expect(() => loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's' })).toThrow(/LARK_VERIFICATION_TOKEN/);
    expect(() => loadConfig({ LARK_CONNECTION: 'socket' })).toThrow(/LARK_CONNECTION/);
  });

  it('names every bad field at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        HOMEWATCH_TIMEZONE: 'Mars/Base',
        DATABASE_URL: 'postgres://u@h/db',
        LARK_APP_ID: 'cli_x',
        HOMEWATCH_DATA_KEY: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const field of ['PORT', 'HOMEWATCH_TIMEZONE', 'HOMEWATCH_DATA_KEY', 'LARK_APP_SECRET', 'LARK_VERIFICATION_TOKEN']) {
      expect(problems).toContain(field);
    }
  });

  it('requires the data key with a real database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/HOMEWATCH_DATA_KEY/);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', HOMEWATCH_DATA_KEY: KEY }).dataKey).toBe(KEY);
  });
});

describe('HOMEWATCH_MEMBER_SYNC_MINUTES', () => {
  it('defaults to 5 minutes and takes whole minutes from 1 to a day', () => {
    expect(loadConfig({}).memberSyncMinutes).toBe(5);
    expect(loadConfig({ HOMEWATCH_MEMBER_SYNC_MINUTES: '2' }).memberSyncMinutes).toBe(2);
    for (const bad of ['0', '1.5', '1441', 'often']) expect(() => loadConfig({ HOMEWATCH_MEMBER_SYNC_MINUTES: bad }), bad).toThrow(/HOMEWATCH_MEMBER_SYNC_MINUTES/);
  });
});
