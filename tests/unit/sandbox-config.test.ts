import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';

describe('sandbox mode in the configuration', () => {
  it('is on when no Lark app is configured, bound to 127.0.0.1 whatever HOST says', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).sandbox).toEqual({ host: '127.0.0.1' });
  });

  it('binds elsewhere only when HOMEWATCH_SANDBOX_HOST says so', () => {
    expect(loadConfig({ HOMEWATCH_SANDBOX_HOST: '0.0.0.0' }).sandbox).toEqual({ host: '0.0.0.0' });
  });

  it('is never on when Lark credentials are configured', () => {
    const c = loadConfig({ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't', HOMEWATCH_SANDBOX_HOST: '0.0.0.0' });
    expect(c.sandbox).toBeUndefined();
    expect(c.lark?.appId).toBe('cli_x');
  });
});
