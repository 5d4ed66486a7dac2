import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/domain/dates';
import { idCheckChar } from '../../src/domain/id-number';
import { FIELD_HEADERS } from '../../src/domain/ledger-columns';
import { loadPolicy } from '../../src/domain/policy';
import { auditText } from '../../src/messages/audit';
import { caseText } from '../../src/messages/cases';
import { dutyText } from '../../src/messages/duties';
import { dailyHelp, helpText } from '../../src/messages/help';
import { ledgerText } from '../../src/messages/ledger';
import { lifecycleText } from '../../src/messages/lifecycle';
import { releaseText } from '../../src/messages/release';
import { teamListText } from '../../src/messages/team-list';
import { teamWorkText } from '../../src/messages/team-work';
import { noticeText } from '../../src/messages/notices';
import { peopleText } from '../../src/messages/people';
import { pushText } from '../../src/messages/push-lists';
import { resultImportText } from '../../src/messages/result-import';
import { summaryText } from '../../src/messages/summary';
import { transferText } from '../../src/messages/transfers';
import { labels } from '../../src/sandbox/web/labels.js';
import { readDocx } from '../helpers/files';
import { type ServerProcess, startServerProcess, waitUntil } from '../helpers/server-process';
import { launchChromium, sandboxPage } from './sandbox-page';

/**
 * `npm start` with no Lark configured: the real server in sandbox mode, driven through its
 * page by Chromium as a trainer would. Every step goes through the bot's real webhook.
 */
describe('sandbox mode in the browser', () => {
  let dataDir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const today = todayIn('Asia/Shanghai', new Date());

  const startServer = async () => {
    const started = await startServerProcess({ DATA_DIR: dataDir });
    const seeding = async () => ((await (await fetch(`${started.url}/sandbox/api/state`)).json()) as { seeding: boolean }).seeding;
    await waitUntil(async () => !(await seeding()), 60_000, 'the demo seed');
    return started;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'homewatch-sandbox-'));
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('logs that sandbox mode is on, with the page URL', () => {
    expect(server.output()).toContain(`SANDBOX MODE (no LARK_APP_ID)`);
    expect(server.output()).toContain(`${server.url}/sandbox`);
  });

  it('shows the demo chats, set up by the administrator through the real commands', async () => {
    const s = sandboxPage(page);
    await page.goto(`${server.url}/sandbox`);
    for (const chat of ['指挥部群', '东风村群', '红旗村群', '核酸检测专班群', '县隔离酒店群', '转运专班群', '流调溯源专班群']) await page.locator('#chat-list .chat-item', { hasText: chat }).waitFor();
    await s.openChat('东风村群');
    await page.locator('#messages .message.bot', { hasText: '东风村村医：村医（东风村）' }).waitFor();
    expect(await page.locator('#speaker option').allTextContents()).toEqual(['管理员', '东风村村干部', '东风村村医', '卫生院采样员', '隔离点医生', '指挥部组长', '指挥部成员', '转运调度员', '流调员']);
  });

  it('registers a person as the cadre, runs test-due, refuses the cadre, records sampling as the health-centre sampler and the result as the doctor', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/登记 张三 11010519491231002X 13812345678 居家隔离 今天 幸福路8号');
    const registered = s.card(caseText.registeredTitle(1));
    await registered.waitFor();
    expect(await registered.locator('.card-header').getAttribute('class')).toContain('tpl-green');
    expect(await registered.innerText()).toContain('张*');
    expect(await registered.innerText()).not.toContain('张三');
    // The 居家隔离告知书 arrives in the cadre's private chat as a Word file that opens.
    await s.openChat(labels.privateChat('东风村村干部'));
    const notice = page.locator('#messages .bubble.file', { hasText: noticeText.fileName({ title: '居家隔离告知书', caseIds: [1], village: '东风村', date: today }) });
    const docx = Buffer.from(await (await fetch(`${server.url}${await notice.locator('a').getAttribute('href')}`)).arrayBuffer());
    expect((await readDocx(docx))[0]).toContain('张三（身份证号：11010519491231002X）：');
    await s.openChat('东风村群');

    await s.runJob('test-due', { date: today });
    const testsCard = s.card(dutyText.testsCardTitle('东风村', 1));
    await testsCard.waitFor();
    const messageId = (await testsCard.getAttribute('data-message-id'))!;

    await s.press(testsCard, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.refused.sample(loadPolicy()));
    expect(await s.message(messageId).innerText()).not.toMatch(/待结果/);

    await s.speakAs('卫生院采样员');
    await s.press(s.message(messageId), dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.sampled(1));
    await s.message(messageId).getByText(/待结果（\d{2}:\d{2}采样）/).waitFor();
    await s.message(messageId).getByText(labels.updated).waitFor();
    await s.speakAs('东风村村医');

    await s.press(s.message(messageId), dutyText.buttons.negative);
    await s.message(messageId).getByText(dutyText.resultDone(dutyText.result.negative), { exact: false }).waitFor();
    await expect.poll(() => s.message(messageId).getByRole('button').count(), { timeout: 10_000 }).toBe(0);
  });

  it('shows who did what by name in /记录, as Lark names them: the doctor from the @-mention that granted the role, the cadre from the group member list', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/记录 #1');
    const trail = page.locator('#messages .message.bot', { hasText: lifecycleText.historyHeader(1, '张*', 4, 1, 1) });
    await trail.waitFor();
    const text = await trail.innerText();
    expect(text).toContain(`${auditText.action('duty.result')} · ${peopleText.withRole('东风村村医', lifecycleText.roles.doctor)}`);
    expect(text).toContain(`${auditText.action('case.register')} · ${peopleText.withRole('东风村村干部', lifecycleText.roles.cadre)}`);
    expect(text).toContain('结果：阴性');
    expect(text).not.toMatch(/ou_|用户…/);
  });

  it('posts 今日上门 to the village at its time, where the cadre records the visit; the 09:00 二包一名单 lists the team', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.runJob('visit-due', { date: today });
    const visits = s.card(teamWorkText.visitsTitle('东风村', 1));
    await visits.waitFor();
    await s.press(visits, teamWorkText.buttons.seen);
    await s.expectToast(teamWorkText.toast.seen(1));
    await s.runJob('team-list', { date: today });
    const list = s.card(teamListText.title('东风村', 1));
    await list.waitFor();
    expect(await list.innerText()).toContain('东风村村干部');
  });

  it('shows /帮助 as a card whose buttons run the daily commands', async () => {
    const s = sandboxPage(page);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say('/帮助');
    const help = s.card(dailyHelp.cadre.title);
    await help.waitFor();
    for (const b of Object.values(helpText.buttons)) expect(await help.getByRole('button', { name: b, exact: true }).count()).toBe(1);
    await s.press(help, helpText.buttons.register);
    await page.locator('#messages .message.bot', { hasText: helpText.examplesHeader }).last().waitFor();
    const testsCards = page.locator('#messages .message.bot', { has: page.locator('.card', { hasText: dutyText.testsCardTitle('东风村', 1) }) });
    const before = await testsCards.count();
    await s.press(help, helpText.buttons.today);
    await expect.poll(() => testsCards.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  });

  it('names the jobs and their results in Chinese in the jobs panel', async () => {
    const s = sandboxPage(page);
    const options = await page.locator('#job-name option').allInnerTexts();
    expect(options.some((o) => o.startsWith('每日汇总（'))).toBe(true);
    expect(options.join('\n')).not.toMatch(/daily-summary|test-due/);
    await s.runJob('overdue', { date: today, time: '12:30' });
    const result = await page.locator('#job-result').innerText();
    expect(result).toContain('逾期检查（');
    expect(result).not.toMatch(/markedMissed|villageCards|=/);
  });

  it('runs daily-summary at a simulated time and shows it in 指挥部群 with its chart', async () => {
    const s = sandboxPage(page);
    const tomorrow = addDays(today, 1);
    await s.runJob('daily-summary', { date: tomorrow, time: '08:00' });
    await s.openChat('指挥部群');
    const summary = s.card(summaryText.titleLive(tomorrow, '08:00'));
    await summary.waitFor();
    expect(await summary.locator('svg.chart-svg polyline').count()).toBe(1);
    expect(await summary.innerText()).toContain(summaryText.chartTitle);
    // The run set the sandbox's clock to tomorrow; the steps below work today.
    await s.useRealTime();
  });

  it('imports a csv the cadre sends with 📎: /导入 previews it, 导入 registers the people, /名单 lists them', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    const headers = (['name', 'idNumber', 'phone', 'category', 'startDate', 'address'] as const).map((f) => FIELD_HEADERS[f].header);
    const csv = Buffer.from(
      [
        headers.join(','),
        `李四,${id('11010519800101001')},13900000001,居家隔离,${today},幸福路1号`,
        `王五,${id('11010519850505002')},13900000002,居家隔离,${today},幸福路2号`,
      ].join('\r\n'),
    );
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.sendFile('名单.csv', csv, 'text/csv');
    await page.locator('#messages .message.mine', { hasText: '名单.csv' }).getByText(labels.fileSize(csv.length)).waitFor();

    await s.say('/导入');
    await page.locator('#messages .message.bot', { hasText: ledgerText.import.reading('名单.csv') }).waitFor();
    const preview = s.card(ledgerText.import.title('名单.csv'));
    await preview.getByText(ledgerText.import.counts(2, 0)).waitFor();
    const messageId = (await preview.getAttribute('data-message-id'))!;

    await s.press(preview, ledgerText.import.confirmButton);
    await s.message(messageId).getByText(ledgerText.import.doneTitle('名单.csv')).waitFor();
    await page.locator('#messages .message.bot', { hasText: ledgerText.import.doneReply(2, 0, 0) }).waitFor();

    await s.say('/名单');
    // 张三 (#1, registered above) and the two imported.
    const header = lifecycleText.listHeader({ scope: '东风村', status: lifecycleText.statusFilter.active, category: null, total: 3, page: 1, pages: 1 });
    const list = page.locator('#messages .message.bot', { hasText: header });
    await list.waitFor();
    const text = await list.innerText();
    expect(text).toMatch(/#\d+ 李\* 居家隔离 第1\/\d+天 东风村/);
    expect(text).toMatch(/#\d+ 王\* 居家隔离 第1\/\d+天 东风村/);
    expect(text).not.toContain('李四');
  });

  it('enters a lab result list in 核酸检测专班群: /结果导入 previews it, 录入 records the results', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    await s.openChat('东风村群');
    await s.speakAs('卫生院采样员');
    // 李四 (#2) and 王五 (#3), imported above, are sampled today.
    for (const n of [2, 3]) {
      await s.say(`/采样 #${n}`);
      await page.locator('#messages .message.bot', { hasText: dutyText.toast.sampled(n) }).waitFor();
    }
    const csv = Buffer.from([['姓名', '身份证号', '采样日期', '结果'].join(','), `李四,${id('11010519800101001')},${today},阴性`, `王五,${id('11010519850505002')},${today},阴性`].join('\r\n'));
    await s.openChat('核酸检测专班群');
    await s.sendFile('检测结果.csv', csv, 'text/csv');
    await s.say('/结果导入');
    const preview = s.card(resultImportText.title('检测结果.csv'));
    await preview.getByText(resultImportText.counts(2, 0)).waitFor();
    const messageId = (await preview.getAttribute('data-message-id'))!;
    await s.press(preview, resultImportText.confirmButton);
    await s.message(messageId).getByText(resultImportText.doneTitle('检测结果.csv')).waitFor();
    await page.locator('#messages .message.bot', { hasText: resultImportText.doneReply(2, 0, 0) }).waitFor();
  });

  it('registers central isolation at the isolation point: its cards go to 县隔离酒店群, where its own doctor samples', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say(`/登记 赵六 ${id('11010519900303003')} 13900000003 集中隔离 今天 幸福路3号`);
    const registered = s.card(caseText.registeredTitle(4));
    await registered.waitFor();
    expect(await registered.innerText()).toContain(caseText.atPoint('县隔离酒店'));
    await s.runJob('test-due', { date: today });
    await s.openChat('县隔离酒店群');
    const card = s.card(dutyText.testsCardTitle('县隔离酒店', 1));
    await card.waitFor();
    await s.speakAs('东风村村医');
    await s.press(card, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.refused.sample(loadPolicy(), { kind: 'point' }));
    await s.speakAs('隔离点医生');
    await s.press(card, dutyText.buttons.sampled);
    await s.expectToast(dutyText.toast.sampled(4));
  });

  it('closes a 其他来返 entry on its negative result; a release request reaches 指挥部群, where 不同意 asks the reason and the cadre hears it', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say(`/登记 孙七 ${id('11010519900101003')} 13900000005 其他来返 今天`);
    await s.card(caseText.registeredTitle(5)).waitFor();
    await s.speakAs('卫生院采样员');
    await s.say('/采样 #5');
    await page.locator('#messages .message.bot', { hasText: dutyText.toast.sampled(5) }).waitFor();
    await s.speakAs('东风村村医');
    await s.say('/结果 #5 阴性');
    await page.locator('#messages .message.bot', { hasText: releaseText.ledgerClosed({ caseNo: 5, maskedName: '孙*', category: '其他来返' }) }).waitFor();

    // 居家隔离观察 whose 14 days ended yesterday: releasable today, on no abnormality.
    await s.speakAs('东风村村干部');
    await s.say(`/登记 周八 ${id('11010519900202004')} 13900000006 居家隔离观察 ${addDays(today, -14)}`);
    await s.card(caseText.registeredTitle(6)).waitFor();
    await s.say('/解除 #6');
    await page.locator('#messages .message.bot', { hasText: lifecycleText.proposed(6) }).waitFor();

    await s.openChat('指挥部群');
    await s.speakAs('指挥部组长');
    const request = s.card(lifecycleText.proposalTitle(6));
    await request.waitFor();
    const messageId = (await request.getAttribute('data-message-id'))!;
    await s.press(request, releaseText.request.reject);
    await s.expectToast(releaseText.toast.askReason);
    await s.message(messageId).locator('input[name="reason"]').fill('第14天体温记录不全');
    await s.press(s.message(messageId), releaseText.request.submitReject);
    await s.expectToast(releaseText.toast.rejected(6));
    await s.message(messageId).getByText(releaseText.request.rejectedLine(today, '第14天体温记录不全')).waitFor();
    await expect.poll(() => s.message(messageId).getByRole('button').count(), { timeout: 10_000 }).toBe(0);

    await s.openChat('东风村群');
    await page.locator('#messages .message.bot', { hasText: '的解除申请未获指挥部同意：第14天体温记录不全' }).waitFor();
  });

  it('registers a 密接: its transfer card reaches 转运专班群, where the dispatcher takes each step and the hand-over moves the case to 县隔离酒店', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    await s.say(`/登记 吴九 ${id('11010519900404005')} 13900000007 密接 幸福路9号`);
    const registered = s.card(caseText.registeredTitle(7));
    await registered.waitFor();
    expect(await registered.innerText()).toContain(transferText.registeredNeedsTransfer('密接', 8));
    await s.openChat('转运专班群');
    await s.speakAs('转运调度员');
    const card = s.card(transferText.card.title(7, '吴*', '东风村'));
    await card.waitFor();
    const messageId = (await card.getAttribute('data-message-id'))!;
    await s.press(card, transferText.stepLabel.handed_over);
    await s.expectToast(transferText.toast.outOfOrder('handed_over', 'dispatched'));
    await s.press(card, transferText.stepLabel.dispatched);
    await s.expectToast(transferText.toast.askDispatch);
    await s.message(messageId).locator('input[name="plate"]').fill('苏A12345');
    await s.message(messageId).locator('input[name="driver"]').fill('王师傅');
    await s.press(s.message(messageId), transferText.card.form.submitDispatch);
    await s.expectToast(transferText.toast.recorded(7, 'dispatched'));
    await s.press(s.message(messageId), transferText.stepLabel.picked_up);
    await s.expectToast(transferText.toast.recorded(7, 'picked_up'));
    await s.press(s.message(messageId), transferText.stepLabel.handed_over);
    await s.expectToast(transferText.toast.askHandover);
    await s.message(messageId).locator('input[name="receiver"]').fill('隔离点医生');
    await s.press(s.message(messageId), transferText.card.form.submitHandover);
    await s.expectToast(transferText.toast.recorded(7, 'handed_over'));
    await expect.poll(() => s.message(messageId).getByRole('button').count(), { timeout: 10_000 }).toBe(0);
    await s.openChat('县隔离酒店群');
    await page.locator('#messages .message.bot', { hasText: '新转入：#7 吴*（东风村）密接' }).waitFor();
  });

  it('pushes a county list from 流调溯源专班群 with /下发: each village gets its 待核查 card, and 不在本村 records where the person is', async () => {
    const s = sandboxPage(page);
    const id = (first17: string) => first17 + idCheckChar(first17);
    const csv = Buffer.from(
      [
        ['姓名', '身份证号', '手机号', '类型', '涉及地区', '住址', '村', '批次'].join(','),
        `郑十,${id('11010519910101006')},13900000010,时空伴随,某市,东风村2组,,县推第1批`,
        `冯一,${id('11010519910202007')},13900000011,密接,某市,红旗村5组,红旗村,县推第1批`,
      ].join('\r\n'),
    );
    await s.openChat('流调溯源专班群');
    await s.speakAs('流调员');
    await s.sendFile('推送名单.csv', csv, 'text/csv');
    await s.say('/下发');
    const preview = s.card(pushText.preview.title('县推第1批'));
    await preview.getByText(pushText.preview.byVillage([{ village: '东风村', n: 1 }, { village: '红旗村', n: 1 }], 0)).waitFor();
    const messageId = (await preview.getAttribute('data-message-id'))!;
    await s.press(preview, pushText.preview.confirm);
    await s.message(messageId).getByText(pushText.batch.progress(0, 2)).waitFor();

    await s.openChat('东风村群');
    await s.speakAs('东风村村干部');
    const card = s.card('待核查 · 东风村 · 1人');
    await card.waitFor();
    expect(await card.innerText()).toContain('郑*');
    expect(await card.innerText()).not.toContain('13900000010');
    const cardId = (await card.getAttribute('data-message-id'))!;
    await s.press(card, pushText.village.buttons.away);
    await s.expectToast(pushText.toast.askAway);
    await s.message(cardId).locator('select[name="reason"]').selectOption('外出务工');
    await s.press(s.message(cardId), pushText.village.form.submitAway);
    await s.expectToast(pushText.toast.recorded);
    await s.message(cardId).getByText(pushText.village.doneTitle('东风村', 1)).waitFor();
    await s.openChat('流调溯源专班群');
    await s.message(messageId).getByText(pushText.batch.progress(1, 2)).waitFor();
  });

  it('keeps the chats and the bot state across a restart, without seeding again', async () => {
    await server.stop();
    server = await startServer();
    const s = sandboxPage(page);
    await page.goto(`${server.url}/sandbox`);
    await s.openChat('东风村群');
    await s.card(dutyText.testsCardTitle('东风村', 1)).getByText(dutyText.resultDone(dutyText.result.negative), { exact: false }).waitFor();
    await page.locator('#messages .bubble.file', { hasText: '名单.csv' }).waitFor();
    await s.openChat('指挥部群');
    await page.locator('#messages .message.bot', { hasText: '已授予 指挥部组长：组长' }).waitFor();
    expect(await page.locator('#messages .message', { hasText: '/村 添加' }).count()).toBe(1);
    await s.speakAs('指挥部组长');
    await s.say('/查看 #1');
    await s.card(caseText.caseTitle(1)).waitFor();
  });

  it('starts over after `npm run cli -- sandbox reset`: the demo seeded again, the registered person gone', async () => {
    await server.stop();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', 'reset'], {
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    });
    expect(stdout).toContain('sandbox reset');
    server = await startServer();
    const s = sandboxPage(page);
    await page.goto(`${server.url}/sandbox`);
    await s.openChat('东风村群');
    await page.locator('#messages .message.bot', { hasText: '东风村村医：村医（东风村）' }).waitFor();
    expect(await page.locator('#messages .card').count()).toBe(0);
    await s.speakAs('东风村村医');
    await s.say('/查看 #1');
    await page.locator('#messages .message.bot', { hasText: caseText.notFound(1) }).waitFor();
    expect(await page.locator('#messages .card').count()).toBe(0);
  });
});
