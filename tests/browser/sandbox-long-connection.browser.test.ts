import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/domain/dates';
import { loadPolicy } from '../../src/domain/policy';
import { caseText } from '../../src/messages/cases';
import { dutyText } from '../../src/messages/duties';
import { labels } from '../../src/sandbox/web/labels.js';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';
import { launchChromium, sandboxPage } from './sandbox-page';

/**
 * `LARK_CONNECTION=websocket npm start` on a bare machine: the same sandbox, but the bot
 * receives over the long connection it opens to the simulated Lark (docs/long-connection.md).
 */
describe('sandbox mode over the long connection, in the browser', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'homewatch-sandbox-ws-'));
    server = await startServerProcess({ DATA_DIR: dataDir, LARK_CONNECTION: 'websocket' });
    const seeding = async () => ((await (await fetch(`${server.url}/sandbox/api/state`)).json()) as { seeding: boolean }).seeding;
    await waitUntil(async () => !(await seeding()), 60_000, 'the demo seed');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says in the banner that Lark delivers over the long connection, and /healthz shows it connected', async () => {
    await page.goto(`${server.url}/sandbox`);
    await page.locator('#banner', { hasText: labels.transport('websocket', 'connected') }).waitFor();
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { larkConnection: { state: string } };
    expect(health.larkConnection.state).toBe('connected');
  });

  it('registers a person and answers a card press, both pushed as frames over the connection', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/登记 李四 11010519491231002X 13812345678 居家隔离 今天 幸福路9号');
    await s.card(caseText.registeredTitle(1)).waitFor();
    await s.runJob('test-due', { date: todayIn('Asia/Shanghai', new Date()) });
    const testsCard = s.card(dutyText.testsCardTitle('东风村', 1));
    await testsCard.waitFor();
    await s.press(testsCard, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.refused.sample(loadPolicy()));
  });
});
