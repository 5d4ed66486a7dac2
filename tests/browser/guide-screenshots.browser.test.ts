import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates';
import { caseText } from '../../src/messages/cases';
import { dutyText } from '../../src/messages/duties';
import { summaryText } from '../../src/messages/summary';
import { openSandboxSession, sandboxPage } from './sandbox-page';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** `npm run screenshots` (SCREENSHOTS=1) refreshes the staff guide's pictures and the README's. */
const WRITE = process.env.SCREENSHOTS === '1';
const PHONE = { width: 390, height: 844 };

async function outputPath(file: string): Promise<string> {
  const target = path.join(ROOT, file);
  await mkdir(path.dirname(target), { recursive: true });
  return target;
}

/**
 * Each role's daily cards on a phone-width screen, as the staff guide (docs/guide) shows
 * them: every card must fit the phone's width, and with SCREENSHOTS=1 each is saved where
 * the guide embeds it.
 */
describe('the guide at phone width', () => {
  let session: Awaited<ReturnType<typeof openSandboxSession>>;
  let page: Page;
  const today = todayIn('Asia/Shanghai', new Date());

  /**
   * The open chat with `last` at the bottom of the screen, checked to fit a phone's width and
   * saved. A card taller than the screen is shot whole, as a phone's long screenshot.
   */
  async function shoot(file: string, last: Locator) {
    await page.locator('#toast').waitFor({ state: 'hidden' });
    const overflow = await last.evaluate((el) => el.getBoundingClientRect().height + 24 - el.closest('#messages')!.clientHeight);
    // The conversation is 80% of the screen's height at phone width (style.css).
    if (overflow > 0) await page.setViewportSize({ width: PHONE.width, height: Math.ceil(PHONE.height + overflow / 0.8) });
    await last.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const box = await last.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    // Nothing on the page may make a phone scroll sideways.
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    if (WRITE) await page.locator('#conversation').screenshot({ path: await outputPath(file) });
    await page.setViewportSize(PHONE);
  }

  beforeAll(async () => {
    session = await openSandboxSession({ name: 'guide', viewport: PHONE, timezoneId: 'Asia/Shanghai' });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('admin: the bindings and roles set up in the village group', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('管理员');
    await shoot('docs/guide/img/admin.png', page.locator('#messages .message.bot', { hasText: '东风村村干部：村干部' }));
  });

  it('village cadre: the /登记 reply', async () => {
    const s = sandboxPage(page);
    await s.speakAs('东风村村干部');
    await s.say('/登记 张三 11010519491231002X 13812345678 居家隔离 今天 幸福路8号');
    const registered = s.card(caseText.registeredTitle(1));
    await registered.waitFor();
    await shoot('docs/guide/img/village-cadre-register.png', registered);
  });

  it('sampler: 今日核酸采样 of the morning, sampled and waiting for the result', async () => {
    const s = sandboxPage(page);
    // A morning at the simulated clock, whenever the pictures are taken: the 上午 temperatures are due.
    await s.runJob('test-due', { date: today, time: '08:30' });
    const card = s.card(dutyText.testsCardTitle('东风村', 1));
    await card.waitFor();
    await s.speakAs('卫生院采样员');
    await s.press(card, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.sampled(1));
    await card.getByText(dutyText.awaiting('08:30')).waitFor();
    await shoot('docs/guide/img/doctor-sampler.png', card);
  });

  it('village cadre: /今日, the day\'s test and temperature cards', async () => {
    const s = sandboxPage(page);
    await s.speakAs('东风村村干部');
    await s.say('/今日');
    const temps = s.card(dutyText.tempsCardTitle('东风村', '上午', 1));
    await temps.waitFor();
    await shoot('docs/guide/img/village-cadre-today.png', temps);
  });

  it('doctor: the morning temperatures entered on the card', async () => {
    const s = sandboxPage(page);
    await s.speakAs('东风村村医');
    const temps = s.card(dutyText.tempsCardTitle('东风村', '上午', 1));
    await temps.getByPlaceholder(dutyText.tempInputPlaceholder).fill('36.5');
    await s.press(temps, dutyText.buttons.submit);
    await s.expectToast(dutyText.toast.tempsRecorded(1, 0));
    await temps.getByText(dutyText.tempDone(36.5, [])).waitFor();
    await shoot('docs/guide/img/doctor-temps.png', temps);
  });

  it('lead: the morning summary in 指挥部群', async () => {
    const s = sandboxPage(page);
    const tomorrow = addDays(today, 1);
    await s.runJob('daily-summary', { date: tomorrow, time: '08:00' });
    await s.openChat('指挥部群');
    await s.speakAs('指挥部组长');
    const summary = s.card(summaryText.titleLive(tomorrow, '08:00'));
    await summary.waitFor();
    await shoot('docs/guide/img/lead-hq.png', summary);
    // The README's picture: the whole page as a phone shows it, the simulated time on top.
    if (WRITE) await page.screenshot({ path: await outputPath('docs/sandbox.png'), fullPage: true });
  });
});
