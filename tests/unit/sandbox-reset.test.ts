import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { resetSandbox } from '../../src/sandbox/reset';

describe('sandbox reset', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'homewatch-reset-'));
    await mkdir(path.join(dataDir, 'sandbox'));
    await writeFile(path.join(dataDir, 'sandbox', 'state.json'), '{}');
    await mkdir(path.join(dataDir, 'pglite'));
    await writeFile(path.join(dataDir, 'pglite', 'PG_VERSION'), '17');
    await writeFile(path.join(dataDir, 'data-key'), 'k');
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('removes the chats and the embedded database, keeping the data key', async () => {
    await resetSandbox(loadConfig({ DATA_DIR: dataDir }));
    expect(existsSync(path.join(dataDir, 'sandbox'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'data-key'))).toBe(true);
  });

  it('refuses, touching nothing, when Lark credentials are configured', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 't' });
    await expect(resetSandbox(config)).rejects.toThrow(/LARK_APP_ID is set/);
    expect(existsSync(path.join(dataDir, 'sandbox', 'state.json'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  });
});
