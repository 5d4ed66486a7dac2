import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailySummary } from '../../jobs/daily-summary';
import { overdue } from '../../jobs/overdue';
import { resultTimeout } from '../../jobs/result-timeout';
import { testDue } from '../../jobs/test-due';
import { auditLog, caseAlerts, cases, duties } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const TZ = 'Asia/Shanghai';
const ADMIN_P2P = 'oc_p2p_life_admin';
const DONGFENG = 'oc_life_dongfeng';
const HONGQI = 'oc_life_hongqi';
const HQ = 'oc_life_hq';
const TESTING = 'oc_life_testing';
const TRANSFER = 'oc_life_transfer';
const DOCTOR = 'ou_life_doctor';
const SAMPLER = 'ou_life_sampler';
const CADRE = 'ou_life_cadre';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

/** The test life as the health centre and the village doctors live it (issue: results later, 补采, 混管阳性, samplers, symptoms, fever). */
describe('tests and health checks end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const cardsTo = (chatId: string) => sentTo(chatId).filter((m) => m.msgType === 'interactive');
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  async function run(job: typeof testDue, date: string, time: string) {
    at(`${date}T${time}:00+08:00`);
    const outcome = await t.hw.jobRunner.runFire(job, fireOn(date, time, TZ), 'schedule');
    await t.settle();
    return outcome.result!;
  }
  const reply = async (text: string, from: string, chatId: string) => (await g.say(text, { from, chatId })).replies.join('\n');
  const tests = (name: string) => t.db.db.select().from(duties).where(and(eq(duties.caseId, no[name]!), eq(duties.kind, 'test'))).orderBy(duties.dueDate, duties.id);
  const pressOn = (m: FakeMessage, operator: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
    press(t, { operator, chatId: m.chatId ?? m.receiveId!, messageId: m.messageId, value, formValue });
  async function register(name: string, id17: string, rest: string, chatId = DONGFENG) {
    const text = await reply(`/登记 ${name} ${validId(id17)} 1381234${id17.slice(-4)} ${rest}`, CADRE, chatId);
    expect(text).toContain('已登记');
    const [row] = await t.db.db.select({ id: cases.id }).from(cases).orderBy(cases.id).then((r) => r.slice(-1));
    no[name] = row!.id;
    return text;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T07:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TESTING });
    await g.say('/绑定 专班 转运', { from: ADMIN, chatId: TRANSFER });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    // The health centre's sampler, one grant for every village.
    const granted = await t.say('/角色 @_user_2 采样员', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(SAMPLER, '王护士')] });
    expect(granted.replies.join()).toContain('采样员');
    await register('张三', '11010519491231002', '集中隔离 今天'); // tests days 1, 2, 3, 5, 7
    await register('李四', '11010519500101003', '集中隔离 今天');
    await register('王五', '11010519510202004', '集中隔离 今天', HONGQI);
  });
  afterAll(() => t.close());

  it('a sampler confirms sampling and results in any village without a village grant; a cadre may not', async () => {
    await run(testDue, '2026-11-23', '07:30');
    const hongqiCard = cardsTo(HONGQI).find((m) => textOf(currentCard(m)).includes('今日核酸采样 · 红旗村'))!;
    const [duty] = await tests('王五');
    const refused = await pressOn(hongqiCard, CADRE, findButton(currentCard(hongqiCard), '已采样', { dutyId: duty!.id }).value);
    expect(refused.toast).toEqual({ type: 'error', content: '仅采样员（卫生院）或本村村医可确认采样' });
    at('2026-11-23T09:10:00+08:00');
    const ok = await pressOn(hongqiCard, SAMPLER, findButton(currentCard(hongqiCard), '已采样', { dutyId: duty!.id }).value);
    expect(ok.toast).toEqual({ type: 'success', content: `#${no['王五']} 已记录采样，待结果` });
    expect(textOf(ok.card)).toContain('待结果（09:10采样）');
    expect(await reply(`/采样 #${no['张三']}`, SAMPLER, DONGFENG)).toBe(`#${no['张三']} 已记录采样，待结果`);
    expect((await tests('张三'))[0]).toMatchObject({ status: 'sampled', sampledBy: SAMPLER });
    // The village doctor of 东风村 helps sample there (policy), not in 红旗村.
    expect(await reply(`/采样 #${no['李四']}`, DOCTOR, DONGFENG)).toContain('已记录采样');
  });

  it('a sampled test is never 逾期 or 未采: overdue at 12:30 and the next day leave it alone', async () => {
    const result = await run(overdue, '2026-11-23', '12:30');
    const village = cardsTo(DONGFENG).at(-1)!;
    expect(textOf(currentCard(village))).not.toContain('核酸');
    expect(result.overdue).toBeGreaterThan(0); // temperatures were not recorded
    await run(overdue, '2026-11-24', '12:30');
    const [zhang] = await tests('张三');
    expect(zhang).toMatchObject({ status: 'sampled', result: null });
  });

  it('/结果 the next morning finds yesterday\'s sampled test; 第N天 picks a day; the old card\'s buttons still work', async () => {
    at('2026-11-24T13:00:00+08:00');
    expect(await reply(`/结果 #${no['张三']} 阴性`, SAMPLER, DONGFENG)).toBe(`#${no['张三']} 结果已记录：阴性`);
    expect((await tests('张三'))[0]).toMatchObject({ dueDate: '2026-11-23', status: 'done', result: 'negative', completedBy: SAMPLER });
    expect(await reply(`/结果 #${no['李四']} 第3天 阴性`, SAMPLER, DONGFENG)).toBe(`#${no['李四']} 第3天没有待结果的核酸。待结果的是：第1天。`);
    expect(await reply(`/结果 #${no['李四']} 第1天 阴性`, DOCTOR, DONGFENG)).toContain('结果已记录：阴性');
    // Yesterday's 红旗村 card: its 阴性 button records today.
    const hongqiCard = cardsTo(HONGQI).find((m) => textOf(currentCard(m)).includes('今日核酸采样 · 红旗村'))!;
    const [duty] = await tests('王五');
    const r = await pressOn(hongqiCard, SAMPLER, findButton(currentCard(hongqiCard), '阴性', { dutyId: duty!.id }).value);
    expect(r.toast).toEqual({ type: 'success', content: `#${no['王五']} 结果已记录：阴性` });
    expect(textOf(r.card)).toContain('结果：阴性');
  });

  it('/结果 on a test not sampled says so and how to record the sampling; a released case is refused with its state', async () => {
    at('2026-11-24T13:10:00+08:00');
    expect(await reply(`/结果 #${no['张三']} 阴性`, SAMPLER, DONGFENG)).toBe(`#${no['张三']} 今天的核酸还没有记录采样，采样后发送 /采样 #${no['张三']}，再录入结果。`);
    await t.db.db.update(cases).set({ status: 'released' }).where(eq(cases.id, no['王五']!));
    expect(await reply(`/结果 #${no['王五']} 阴性`, SAMPLER, HONGQI)).toBe(`#${no['王五']} 已解除，不再需要检测。`);
    await t.db.db.update(cases).set({ status: 'active' }).where(eq(cases.id, no['王五']!));
  });

  it('结果超时: a result not back within 24 h is announced once to the village and the 核酸检测 group and counted apart in the summary', async () => {
    // Day 2 of 张三 and 李四 sampled late, at 13:20 on 11-24; only 李四's result comes.
    at('2026-11-24T13:20:00+08:00');
    await reply(`/采样 #${no['张三']}`, SAMPLER, DONGFENG);
    await reply(`/采样 #${no['李四']}`, SAMPLER, DONGFENG);
    await reply(`/结果 #${no['李四']} 阴性`, SAMPLER, DONGFENG);
    expect((await run(resultTimeout, '2026-11-25', '13:00')).resultTimeouts).toBe(0); // 23 h 40 min: not late yet
    const late = await run(resultTimeout, '2026-11-25', '17:00');
    expect(late).toEqual({ resultTimeouts: 1, villageCards: 1, taskforceCards: 1 });
    const village = textOf(currentCard(cardsTo(DONGFENG).at(-1)!));
    expect(village).toContain('结果超时 · 东风村 · 1人');
    expect(village).toContain(`#${no['张三']} 张* 第2天核酸，11月24日 13:20 采样`);
    expect(textOf(currentCard(cardsTo(TESTING).at(-1)!))).toContain(`东风村 #${no['张三']} 张* 第2天核酸`);
    expect((await run(resultTimeout, '2026-11-25', '21:00')).resultTimeouts).toBe(0); // once
    const summaryAt = await run(dailySummary, '2026-11-26', '08:00');
    expect(summaryAt.cards).toBeGreaterThan(0);
    const summary = textOf(currentCard(cardsTo(HQ).at(-1)!));
    expect(summary).toContain('已采样未出结果：待结果 0，结果超时 1');
    // The day card says it too.
    const { messageId } = await g.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    expect(t.fake.messages.find((m) => m.replyTo === messageId)).toBeDefined();
    const ledger = await t.db.db.select().from(duties).where(and(eq(duties.caseId, no['张三']!), eq(duties.dueDate, '2026-11-24'), eq(duties.kind, 'test')));
    expect(ledger[0]!.resultOverdueAt).not.toBeNull();
  });

  it('补采 by command: a test day left 未采 is made up with /采样 #N 补采 and counts for its day', async () => {
    // 张三's day 3 (11-25) was not sampled: the overdue job the next day marks it 未采.
    await run(overdue, '2026-11-26', '12:30');
    const day3 = (await tests('张三')).find((d) => d.day === 3 && d.slot === null)!;
    expect(day3.status).toBe('missed');
    at('2026-11-26T14:00:00+08:00');
    expect(await reply(`/采样 #${no['张三']} 补采`, CADRE, DONGFENG)).toBe('仅采样员（卫生院）或本村村医可确认采样');
    expect(await reply(`/采样 #${no['张三']} 补采`, SAMPLER, DONGFENG)).toBe(`#${no['张三']} 已记录第3天的补采，待结果`);
    const made = (await tests('张三')).find((d) => d.slot === 'makeup')!;
    expect(made).toMatchObject({ day: 3, dueDate: '2026-11-26', status: 'sampled', resampleOf: day3.id });
    expect((await tests('张三')).find((d) => d.id === day3.id)!.status).toBe('missed');
    expect(await reply(`/结果 #${no['张三']} 阴性`, SAMPLER, DONGFENG)).toContain('结果已记录：阴性');
    // The made-up day counts: day 3 now has a negative result.
    expect((await tests('张三')).filter((d) => d.result === 'negative').map((d) => d.day)).toContain(3);
    // Day 2 waits for its result: nothing is left to make up.
    expect(await reply(`/采样 #${no['张三']} 补采`, SAMPLER, DONGFENG)).toBe(`#${no['张三']} 没有漏采或未检的核酸，无需补采。`);
  });

  it('混管阳性 plans an individual recheck within hours, tells the 核酸检测 group and the village (not HQ), and stays open (holding the release) until the recheck', async () => {
    at('2026-11-27T09:00:00+08:00'); // day 5 of 王五's central isolation, a test day
    await reply(`/采样 #${no['王五']}`, SAMPLER, HONGQI);
    const hqBefore = sentTo(HQ).length;
    expect(await reply(`/结果 #${no['王五']} 混管阳性`, SAMPLER, HONGQI)).toBe(`#${no['王五']} 结果已记录：混管阳性`);
    const recheck = (await tests('王五')).find((d) => d.slot === 'recheck')!;
    expect(recheck).toMatchObject({ day: 5, status: 'pending', dueDate: '2026-11-27' });
    expect(recheck.windowEnd.getTime() - recheck.windowStart.getTime()).toBe(4 * 3600_000);
    const [alert] = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, no['王五']!));
    expect(alert).toMatchObject({ kind: 'pooled_positive', closedAt: null });
    const inTesting = textOf(currentCard(cardsTo(TESTING).at(-1)!));
    expect(inTesting).toContain(`#${no['王五']} 王*（红旗村）混管阳性 — 请在 4 小时内单采复核，暂缓解除`);
    expect(sentTo(HQ).length).toBe(hqBefore);
    expect(sentTo(TRANSFER).filter((m) => textOf(currentCard(m)).includes(`#${no['王五']}`))).toHaveLength(0);
    // The recheck is sampled and comes back negative: the alert closes on every copy; no positive routing.
    await reply(`/采样 #${no['王五']}`, SAMPLER, HONGQI);
    expect(await reply(`/结果 #${no['王五']} 阴性`, SAMPLER, HONGQI)).toContain('结果已记录：阴性');
    const [closed] = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, no['王五']!));
    expect(closed!.closedAt).not.toBeNull();
    expect(textOf(currentCard(cardsTo(TESTING).at(-1)!))).toContain('单采复核已出结果');
    expect(sentTo(HQ).length).toBe(hqBefore);
  });

  it('补采 from the overdue card: a test past its window today is sampled late from 「逾期未完成」', async () => {
    await run(overdue, '2026-11-27', '12:30');
    const card = cardsTo(DONGFENG).filter((m) => textOf(currentCard(m)).includes('逾期未完成')).at(-1)!;
    expect(textOf(currentCard(card))).toContain(`#${no['李四']} 李* 核酸第5天 未采（08:00–12:00）`);
    const day5 = (await tests('李四')).find((d) => d.day === 5)!;
    const makeup = findButton(currentCard(card), '补采', { dutyId: day5.id });
    expect((await pressOn(card, 'ou_stranger_in_testing', makeup.value)).toast?.type).toBe('error');
    at('2026-11-27T13:00:00+08:00');
    const r = await pressOn(card, SAMPLER, makeup.value);
    expect(r.toast).toEqual({ type: 'success', content: `#${no['李四']} 已记录采样，待结果` });
    expect(textOf(r.card)).not.toContain(`#${no['李四']} 李* 核酸第5天`);
    expect((await tests('李四')).find((d) => d.id === day5.id)).toMatchObject({ status: 'sampled', sampledBy: SAMPLER });
  });

  it('symptoms: every everyday word the plans use is read; an unknown word is 其他 with its text, never refused', async () => {
    at('2026-11-27T15:00:00+08:00');
    const text = await reply(`/体温 #${no['张三']} 37.0 咳嗽 喉咙痛 胸闷 拉肚子 头晕`, DOCTOR, DONGFENG);
    expect(text).toContain('#' + no['张三'] + ' 下午 37.0℃ 咳嗽、咽痛、胸闷、腹泻、其他（头晕） ⚠');
    expect(text).toContain('“头晕”不在症状列表中，已记为“其他”');
    const [pm] = await t.db.db.select().from(duties).where(and(eq(duties.caseId, no['张三']!), eq(duties.kind, 'temp'), eq(duties.dueDate, '2026-11-27'), eq(duties.slot, 'pm')));
    expect(pm).toMatchObject({ status: 'abnormal', symptoms: ['咳嗽', '咽痛', '胸闷', '腹泻', '其他（头晕）'] });
  });

  it('the fever alert says what the plans say and offers 已复测, 已送发热门诊, 转运; 已送发热门诊 shows on every copy and stops the repeat to HQ', async () => {
    const alertMsg = cardsTo(HQ).filter((m) => textOf(currentCard(m)).includes(`#${no['张三']} 张*（东风村）37.0℃`)).at(-1)!;
    expect(textOf(currentCard(alertMsg))).toContain('请立即报告并送发热门诊，必要时拨打120');
    expect(buttonsOf(currentCard(alertMsg)).map((b) => b.text)).toEqual(['已复测', '已送发热门诊', '转运']);
    const ok = await pressOn(cardsTo(DONGFENG).filter((m) => textOf(currentCard(m)).includes(`#${no['张三']} 张*（东风村）37.0℃`)).at(-1)!, CADRE, findButton(currentCard(alertMsg), '已送发热门诊').value);
    expect(ok.toast).toEqual({ type: 'success', content: `#${no['张三']} 已记录送发热门诊` });
    for (const chat of [DONGFENG, HQ]) {
      const copy = cardsTo(chat).find((m) => textOf(currentCard(m)).includes(`#${no['张三']} 张*（东风村）37.0℃`))!;
      expect(textOf(currentCard(copy))).toContain('已送发热门诊（15:00）');
      expect(buttonsOf(currentCard(copy)).map((b) => b.text)).toEqual(['已复测', '转运']);
    }
    const audit = await t.db.db.select().from(auditLog).where(and(eq(auditLog.caseId, no['张三']!), eq(auditLog.action, 'alert.fever_clinic')));
    expect(audit).toHaveLength(1);
    const hqBefore = sentTo(HQ).length;
    at('2026-11-27T18:00:00+08:00');
    await t.settle();
    expect(sentTo(HQ).length).toBe(hqBefore); // no 「未复测」 repeat: someone acted
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});

describe('a registration whose period began before it', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  afterAll(() => t?.close());

  it('records the earlier test days as 未检, offers 补采 for the latest on today\'s card, and holds the release', async () => {
    t = await startTestApp({ now: '2026-11-25T09:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/角色 @_user_2 采样员', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(SAMPLER, '王护士')] });
    // 居家隔离 from 11-20: tests on 11-20 (day 1) and 11-23 (day 4) lie before the registration; today (day 6) has none.
    const { replies } = await g.say(`/登记 赵六 ${validId('11010519520303005')} 13812345671 居家隔离 11月20日`, { from: CADRE, chatId: DONGFENG });
    const card = textOf(JSON.parse(replies[0]!));
    expect(card).toContain('登记前的核酸记为未检：第1天、第4天。补采后发送 /采样 #1 补采。');
    expect(card).not.toContain('管控期已过');
    const rows = await t.db.db.select().from(duties).where(eq(duties.kind, 'test')).orderBy(duties.dueDate, duties.id);
    expect(rows.map((r) => [r.day, r.dueDate, r.status, r.slot])).toEqual([
      [1, '2026-11-20', 'not_done', null],
      [4, '2026-11-23', 'not_done', null],
      [4, '2026-11-25', 'pending', 'makeup'],
      [7, '2026-11-26', 'pending', null],
    ]);
    const { messageId } = await g.say('/今日', { from: SAMPLER, chatId: DONGFENG });
    const today = currentCard(t.fake.messages.find((m) => m.replyTo === messageId)!);
    expect(textOf(today)).toContain('#1 赵* 第4天（补采）');
    // /采样 #1 补采 takes the make-up already offered, not a second one.
    expect((await g.say('/采样 #1 补采', { from: SAMPLER, chatId: DONGFENG })).replies).toEqual(['#1 已记录采样，待结果']);
    expect((await t.db.db.select().from(duties).where(and(eq(duties.kind, 'test'), eq(duties.slot, 'makeup')))).length).toBe(1);
    // Release is held until day 1 too is made up (every test day needs a negative).
    expect((await g.say('/结果 #1 阴性', { from: SAMPLER, chatId: DONGFENG })).replies.join()).toContain('阴性');
    t.clock.now = new Date('2026-11-26T10:00:00+08:00');
    await g.say('/采样 #1', { from: SAMPLER, chatId: DONGFENG });
    await g.say('/结果 #1 阴性', { from: SAMPLER, chatId: DONGFENG });
    const held = (await g.say('/解除 #1', { from: ADMIN, chatId: DONGFENG })).replies.join();
    expect(held).toContain('第1天');
    await g.say('/采样 #1 补采', { from: SAMPLER, chatId: DONGFENG });
    await g.say('/结果 #1 阴性', { from: SAMPLER, chatId: DONGFENG });
    expect((await g.say('/解除 #1', { from: ADMIN, chatId: DONGFENG })).replies.join()).toContain('已解除');
  });

  it('a period wholly in the past is accepted with a clear warning, never released as 无异常 on its own', async () => {
    const { replies } = await g.say(`/登记 钱七 ${validId('11010519530404006')} 13812345672 三天三检 11月20日`, { from: CADRE, chatId: DONGFENG });
    const card = textOf(JSON.parse(replies[0]!));
    expect(card).toContain('已登记');
    expect(card).toContain('⚠ 管控期已过，需补采并核实后再解除。');
    expect(card).toContain('登记前的核酸记为未检：第1天、第2天、第3天。');
    expect((await g.say('/解除 #2', { from: ADMIN, chatId: DONGFENG })).replies.join()).toContain('核酸第1、2、3天无阴性结果');
    g.expectNoLeaks();
  });
});
