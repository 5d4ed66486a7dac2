import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { labels } from '../../src/sandbox/web/labels.js';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';

/** Debian's Chromium; browsers are never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright runs each launch on a fresh temporary profile of its own.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** `npm start` with no Lark app on `dataDir`, once the demo township is set up. */
export async function startSandboxServer(env: Record<string, string>): Promise<ServerProcess> {
  const started = await startServerProcess(env);
  const seeding = async () => ((await (await fetch(`${started.url}/sandbox/api/state`)).json()) as { seeding: boolean }).seeding;
  await waitUntil(async () => !(await seeding()), 60_000, 'the demo seed');
  return started;
}

/**
 * A sandbox on a fresh DATA_DIR with the page open in Chromium (`viewport`, the township's
 * zone); `restart` stops the server and starts it again on the same data (after
 * `npm run cli -- sandbox reset` when asked), `close` removes it all.
 */
export async function openSandboxSession(input: { name: string; viewport: { width: number; height: number }; timezoneId: string }) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `homewatch-${input.name}-`));
  let server = await startSandboxServer({ DATA_DIR: dataDir });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: input.viewport, locale: 'zh-CN', timezoneId: input.timezoneId });
  await page.goto(`${server.url}/sandbox`);
  return {
    page,
    async restart(opts: { reset?: boolean } = {}) {
      await server.stop();
      if (opts.reset) await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', 'reset'], { env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir } });
      server = await startSandboxServer({ DATA_DIR: dataDir });
      await page.goto(`${server.url}/sandbox`);
    },
    async close() {
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** What a person does on the sandbox page, in the page's own terms. */
export function sandboxPage(page: Page) {
  const messages = page.locator('#messages');
  return {
    page,
    async openChat(name: string) {
      await page.locator('#chat-list .chat-item', { hasText: name }).first().click();
      await page.locator('#chat-title', { hasText: name }).waitFor();
    },
    async speakAs(name: string) {
      await page.locator('#speaker').selectOption({ label: name });
    },
    async say(text: string) {
      await page.locator('#composer-input').fill(text);
      await page.locator('#composer-send').click();
    },
    /** Picks a file with the 📎 button, as a person would in the browser's file dialog. */
    async sendFile(name: string, buffer: Buffer, mimeType: string) {
      const chooser = page.waitForEvent('filechooser');
      await page.locator('#composer-file').click();
      await (await chooser).setFiles({ name, mimeType, buffer });
    },
    /** The newest bot card in the open chat whose text contains `text`. */
    card(text: string): Locator {
      return messages.locator('.message.bot', { has: page.locator('.card', { hasText: text }) }).last();
    },
    /** A card message by id: it stays the same message when the bot updates the card. */
    message(messageId: string): Locator {
      return messages.locator(`.message[data-message-id="${messageId}"]`);
    },
    async press(card: Locator, button: string) {
      await card.getByRole('button', { name: button, exact: true }).first().click();
    },
    async expectToast(text: string) {
      await page.locator('#toast:not([hidden])', { hasText: text }).waitFor();
    },
    async runJob(name: string, at: { date?: string; time?: string } = {}) {
      await page.locator('#job-name').selectOption(name);
      await page.locator('#job-date').fill(at.date ?? '');
      await page.locator('#job-time').fill(at.time ?? '');
      await page.locator('#job-run').click();
      await page.locator('#job-result', { hasText: `${labels.jobTitle(name)}（` }).waitFor();
    },
    /** The simulated time in the banner; hidden on real time. */
    clock(): Locator {
      return page.locator('#clock');
    },
    async useRealTime() {
      await page.locator('#clock').getByRole('button', { name: labels.realTime }).click();
      await page.locator('#clock').waitFor({ state: 'hidden' });
    },
  };
}
