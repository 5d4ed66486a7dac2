import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn, zonedDateTimeToInstant } from '../../src/domain/dates';
import { auditText } from '../../src/messages/audit';
import { caseText, formatDate } from '../../src/messages/cases';
import { dutyText } from '../../src/messages/duties';
import { labels } from '../../src/sandbox/web/labels.js';
import { openSandboxSession, sandboxPage } from './sandbox-page';

const TZ = 'Asia/Shanghai';

/**
 * A trainer walks the week ahead: a job run at a simulated date sets the sandbox's clock, and
 * what is pressed on its cards afterwards is recorded on that day, until the page goes back to
 * real time or `sandbox reset` forgets the simulation.
 */
describe('the sandbox clock follows the simulated time', () => {
  let session: Awaited<ReturnType<typeof openSandboxSession>>;
  let page: Page;
  const today = todayIn(TZ, new Date());
  // Day 4 of a 居家隔离 registered today: a test day.
  const day4 = addDays(today, 3);
  /** The lines of /记录 #1 as the cadre sees them. */
  const historyOf1 = async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    // Every trail has the registration line; the 已登记 card does not read like one.
    const trails = page.locator('#messages .message.bot', { hasText: `${auditText.action('case.register')} · ` });
    const before = await trails.count();
    await s.say('/记录 #1');
    await expect.poll(() => trails.count(), { timeout: 10_000 }).toBeGreaterThan(before);
    return trails.last().innerText();
  };

  beforeAll(async () => {
    session = await openSandboxSession({ name: 'sandbox-clock', viewport: { width: 1280, height: 900 }, timezoneId: TZ });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('records a press on a card built at a simulated date on that date, and shows the simulated time', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/登记 张三 11010519491231002X 13812345678 居家隔离 今天 幸福路8号');
    await s.card(caseText.registeredTitle(1)).waitFor();
    expect(await s.clock().isHidden()).toBe(true);

    await s.runJob('test-due', { date: day4, time: '08:00' });
    // The clock runs on from 08:00 as the test goes, so only the minute's tens are sure.
    const simulated = labels.simulatedTime(zonedDateTimeToInstant(day4, '08:00', TZ), TZ);
    await s.clock().getByText(simulated.slice(0, -1)).waitFor();
    const card = s.card(dutyText.testsCardTitle('东风村', 1));
    await card.waitFor();
    const messageId = (await card.getAttribute('data-message-id'))!;

    await s.speakAs('卫生院采样员');
    await s.press(card, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.sampled(1));
    await s.message(messageId).getByText(/待结果（08:0\d采样）/).waitFor();
    expect(await historyOf1()).toMatch(new RegExp(`${formatDate(day4)} 08:0\\d ${auditText.action('duty.sampled')} · `));
  });

  it('goes back to real time from the banner: the next press is recorded today', async () => {
    const s = sandboxPage(page);
    await s.useRealTime();
    await s.speakAs('东风村村医');
    const card = s.card(dutyText.testsCardTitle('东风村', 1));
    await s.press(card, dutyText.buttons.negative);
    await card.getByText(dutyText.resultDone(dutyText.result.negative), { exact: false }).waitFor();
    expect(await historyOf1()).toMatch(new RegExp(`${formatDate(today)} \\d{2}:\\d{2} ${auditText.action('duty.result')} · `));
  });

  it('keeps the simulated time across a restart, and `sandbox reset` returns to the real clock', async () => {
    const s = sandboxPage(page);
    await s.runJob('daily-summary', { date: day4, time: '09:00' });
    await s.clock().getByText(labels.simulatedTime(zonedDateTimeToInstant(day4, '09:00', TZ), TZ).slice(0, -1)).waitFor();
    await session.restart();
    await s.clock().getByText(`${labels.simulatedTime(zonedDateTimeToInstant(day4, '09:00', TZ), TZ).slice(0, -2)}`).waitFor();

    await session.restart({ reset: true });
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/登记 李四 11010519491231002X 13812345678 居家隔离 今天 幸福路9号');
    await s.card(caseText.registeredTitle(1)).waitFor();
    expect(await s.clock().isHidden()).toBe(true);
    expect(await historyOf1()).toMatch(new RegExp(`${formatDate(today)} \\d{2}:\\d{2} ${auditText.action('case.register')} · `));
  });
});
