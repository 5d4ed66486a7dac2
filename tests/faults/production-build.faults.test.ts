import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, waitUntil } from '../helpers/server-process';
import { createFaultEnv, type FaultEnv, helpDelivery, post, repliesPerMessage } from './fault-env';

const DIST = ['dist/main.js'];

describe('the production build (npm run build, node dist/main.js)', () => {
  let f: FaultEnv;
  beforeAll(async () => {
    execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'pipe' });
    f = await createFaultEnv();
  });
  afterAll(() => f?.close());

  it('builds dist/ with the files the code reads at run time', () => {
    for (const file of ['main.js', 'cli.js', 'migrations/meta/_journal.json', 'policy/default.yaml', 'web/page.html', 'web/app.js']) {
      expect(existsSync(path.join('dist', file)), file).toBe(true);
    }
  });

  it('migrates a new database, answers /healthz and a command, and exits 0 on SIGTERM', async () => {
    const server = await startServerProcess(f.env(), { args: DIST });
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; database: string };
    expect(health).toMatchObject({ status: 'ok', database: 'up' });
    const d = helpDelivery(f.fake, 'dist');
    expect(await post(server.url, d.request())).toBe(200);
    await waitUntil(() => repliesPerMessage(f.fake).get(d.messageId) === 1, 20_000, 'the reply to /帮助');
    expect(await server.stop()).toBe(0);
    expect(server.output()).not.toMatch(/"level":(50|60)/);
  });

  it('runs the sandbox on a bare machine: the page and its scripts are served from dist/', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'homewatch-dist-'));
    try {
      const server = await startServerProcess({ DATA_DIR: dataDir }, { args: DIST });
      const page = await fetch(`${server.url}/sandbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      expect((await fetch(`${server.url}/sandbox/assets/app.js`)).status).toBe(200);
      expect(await server.stop()).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
