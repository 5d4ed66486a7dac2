import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailySummary } from '../../jobs/daily-summary';
import { overdue } from '../../jobs/overdue';
import { releaseDue } from '../../jobs/release-due';
import { reportDeadline } from '../../jobs/report-deadline';
import { tempDue } from '../../jobs/temp-due';
import { testDue } from '../../jobs/test-due';
import { OVERDUE_PAGE_ROWS, RELEASE_PAGE_ROWS } from '../../src/cards/page-sizes';
import { auditLog, caseAlerts, cases, duties, jobRuns, villageReports } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import type { Homewatch } from '../../src/homewatch';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const TZ = 'Asia/Shanghai';
const ADMIN_P2P = 'oc_p2p_jobs_admin';
const DONGFENG = 'oc_jobs_dongfeng';
const HONGQI = 'oc_jobs_hongqi';
const HQ = 'oc_jobs_hq';
const TESTING = 'oc_jobs_testing';
const DOCTOR = 'ou_jobs_doctor';
const CADRE = 'ou_jobs_cadre';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe('scheduled jobs (fixed clock, real app, fake Lark)', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const caseNo: Record<string, number> = {};
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const counts = () => Object.fromEntries([DONGFENG, HONGQI, HQ, TESTING].map((c) => [c, sentTo(c).length]));
  async function run(hw: Homewatch, job: typeof testDue, date: string, time: string) {
    t.clock.now = new Date(`${date}T${time}:00+08:00`);
    const outcome = await hw.jobRunner.runFire(job, fireOn(date, time, TZ), 'schedule');
    await t.settle();
    return outcome;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T07:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村,光明村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TESTING });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    const people = [
      ['张三', '11010519491231002', '13812345678', '居家隔离 11月20日', DONGFENG], // day 4: test today
      ['李四', '11010519500101003', '13812345679', '集中隔离 今天', DONGFENG], // day 1: test today
      ['王五', '11010519510202004', '13812345670', '出院随访 11月22日', HONGQI], // day 2: no test today (tests on days 3 and 7)
    ] as const;
    for (const [name, id17, phone, rest, chat] of people) {
      const { replies } = await g.say(`/登记 ${name} ${validId(id17)} ${phone} ${rest}`, { from: CADRE, chatId: chat });
      expect(replies.join()).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) caseNo[t.cipher.decrypt(c.nameEnc)] = c.id;
  });
  afterAll(() => t.close());

  it('test-due: the sampling card to villages with tests due only, the progress card to the 核酸检测 group', async () => {
    const before = counts();
    const outcome = await run(t.hw, testDue, '2026-11-23', '07:30');
    expect(outcome).toEqual({ ran: true, result: { villages: 1, villageCards: 1, points: 0, pointCards: 0, progressCards: 1 } });
    const after = counts();
    expect(after[DONGFENG]! - before[DONGFENG]!).toBe(1);
    expect(after[HONGQI]).toBe(before[HONGQI]);
    expect(after[HQ]).toBe(before[HQ]);
    expect(textOf(currentCard(sentTo(DONGFENG).at(-1)!))).toContain('今日核酸采样 · 东风村 · 2人');
    const progress = textOf(currentCard(sentTo(TESTING).at(-1)!));
    expect(progress).toContain('核酸采样进度 · 11月23日');
    expect(progress).toContain('全镇 1 个村：应采 2，已采 0，出结果 0');
    expect(progress).toContain('东风村：应采 2，已采 0，出结果 0');
  });

  it('is idempotent: the same fire again sends nothing new', async () => {
    const before = counts();
    expect(await run(t.hw, testDue, '2026-11-23', '07:30')).toEqual({ ran: false });
    expect(counts()).toEqual(before);
    expect(await t.db.db.select().from(jobRuns).where(eq(jobRuns.job, 'test-due'))).toMatchObject([{ fire: '2026-11-23 07:30', trigger: 'schedule' }]);
  });

  it('runs a fire exactly once when two instances on one database fire together', async () => {
    const first = t.hw;
    await t.restart();
    const second = t.hw;
    const before = counts();
    t.clock.now = new Date('2026-11-23T08:00:00+08:00');
    const fire = fireOn('2026-11-23', '08:00', TZ);
    const outcomes = await Promise.all([first.jobRunner.runFire(tempDue, fire, 'schedule'), second.jobRunner.runFire(tempDue, fire, 'schedule')]);
    await t.settle();
    expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    expect(outcomes.find((o) => o.ran)!.result).toEqual({ villages: 2, villageCards: 2, points: 0, pointCards: 0 });
    const after = counts();
    expect(after[DONGFENG]! - before[DONGFENG]!).toBe(1);
    expect(after[HONGQI]! - before[HONGQI]!).toBe(1);
    expect(textOf(currentCard(sentTo(HONGQI).at(-1)!))).toContain('今日体温 · 上午 · 红旗村 · 1人');
  });

  it('overdue: lists what is past its window to the village (doctors @-mentioned) and counts per village to HQ', async () => {
    // 张三 was sampled and has a temperature; the rest of the morning is left undone.
    await g.say(`/采样 #${caseNo['张三']}`, { from: DOCTOR, chatId: DONGFENG });
    await g.say(`/体温 #${caseNo['张三']} 36.5`, { from: DOCTOR, chatId: DONGFENG });
    const before = counts();
    const outcome = await run(t.hw, overdue, '2026-11-23', '12:30');
    // 张三's test is sampled and waits for its result (待结果): not overdue.
    expect(outcome.result).toEqual({ overdue: 3, markedMissed: 0, villageCards: 2, hqMessages: 1 });
    const village = textOf(currentCard(sentTo(DONGFENG).at(-1)!));
    expect(village).toContain('逾期未完成 · 东风村');
    expect(village).toContain(`<at id=${DOCTOR}></at>`);
    expect(village).toContain(`#${caseNo['李四']} 李* 核酸第1天 未采（08:00–12:00）`);
    expect(village).toContain(`#${caseNo['李四']} 李* 体温上午 未测（07:00–11:00）`);
    expect(village).not.toContain(`#${caseNo['张三']} 张* 核酸`);
    expect(village).not.toContain(`#${caseNo['张三']} 张* 体温上午`);
    const hongqi = textOf(currentCard(sentTo(HONGQI).at(-1)!));
    expect(hongqi).toContain(`#${caseNo['王五']} 王* 体温上午`);
    expect(hongqi).not.toContain('<at');
    expect(sentTo(HQ).length - before[HQ]!).toBe(1);
    const hq = String((sentTo(HQ).at(-1)!.parsedContent as { text: string }).text);
    expect(hq.split('\n')).toEqual(['逾期汇总 · 11月23日 12:30', '东风村：逾期 2 项（未采 1、未测 1）', '红旗村：逾期 1 项（未测 1）']);
  });

  it('overdue the next day marks what was left as missed and tells HQ', async () => {
    const pendingYesterday = await t.db.db.select().from(duties).where(eq(duties.dueDate, '2026-11-23'));
    const leftOpen = pendingYesterday.filter((d) => d.status === 'pending').length;
    expect(leftOpen).toBeGreaterThan(0);
    const outcome = await run(t.hw, overdue, '2026-11-24', '12:30');
    expect(outcome.result!.markedMissed).toBe(leftOpen);
    const after = await t.db.db.select().from(duties).where(eq(duties.dueDate, '2026-11-23'));
    expect(after.filter((d) => d.status === 'pending')).toHaveLength(0);
    const hq = String((sentTo(HQ).at(-1)!.parsedContent as { text: string }).text);
    expect(hq).toMatch(/东风村：逾期 \d+ 项.*；昨日（11月23日）未完成 \d+ 项/);
    // A sampled test without a result is never marked missed.
    expect(after.find((d) => d.caseId === caseNo['张三'] && d.kind === 'test')).toMatchObject({ status: 'sampled' });
  });

  it('overdue lists as many rows as a village card holds and says how many more there are', async () => {
    const zhang = caseNo['张三']!;
    const [village] = await t.db.db.select({ villageId: cases.villageId }).from(cases).where(eq(cases.id, zhang));
    await t.db.db.insert(duties).values(
      Array.from({ length: OVERDUE_PAGE_ROWS + 10 }, (_, i) => ({
        caseId: zhang,
        villageId: village!.villageId,
        kind: 'visit' as const,
        day: 5,
        dueDate: '2026-11-24',
        phase: '居家隔离',
        windowStart: new Date(new Date('2026-11-24T08:00:00+08:00').getTime() + i * 60_000),
        windowEnd: new Date('2026-11-24T18:00:00+08:00'),
      })),
    );
    const outcome = await run(t.hw, overdue, '2026-11-24', '18:30');
    const card = textOf(currentCard(sentTo(DONGFENG).at(-1)!));
    const rows = card.split('\n').filter((l) => l.startsWith('#'));
    expect(rows).toHaveLength(OVERDUE_PAGE_ROWS);
    const hq = String((sentTo(HQ).at(-1)!.parsedContent as { text: string }).text);
    const total = Number(/东风村：逾期 (\d+) 项/.exec(hq)![1]);
    expect(total).toBeGreaterThan(OVERDUE_PAGE_ROWS + 10);
    expect(card).toContain(`……另有 ${total - OVERDUE_PAGE_ROWS} 项未列出，发送 /今日 查看卡片。`);
    expect(outcome.result!.overdue).toBeGreaterThanOrEqual(total);
  });

  it('catches up at start only the fires still useful today', async () => {
    t.clock.now = new Date('2026-11-25T09:00:00+08:00');
    expect(await t.hw.scheduler.catchUp()).toBe(11);
    const runs = await t.db.db.select().from(jobRuns).where(eq(jobRuns.trigger, 'catch-up'));
    expect(runs.map((r) => `${r.job} ${r.fire}`).sort()).toEqual([
      'daily-summary 2026-11-25 08:00',
      'phase-move 2026-11-25 07:00',
      'release-due 2026-11-25 09:00',
      'result-timeout 2026-11-25 09:00',
      'retention 2026-11-25 03:30',
      'rollcall-due 2026-11-25 08:00',
      'supervision-report 2026-11-25 08:30',
      'team-list 2026-11-25 09:00',
      'temp-due 2026-11-25 08:00',
      'test-due 2026-11-25 07:30',
      'visit-due 2026-11-25 08:00',
    ]);
    expect(await t.hw.scheduler.catchUp()).toBe(0);
    t.clock.now = new Date('2026-11-26T23:00:00+08:00');
    expect(await t.hw.scheduler.catchUp()).toBe(0);
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});

describe('/上报 and report-deadline', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const textsTo = (chatId: string) => sentTo(chatId).map((m) => String((m.parsedContent as { text?: string }).text));
  async function fire(time: string) {
    t.clock.now = new Date(`2026-11-23T${time}:00+08:00`);
    const outcome = await t.hw.jobRunner.runFire(reportDeadline, fireOn('2026-11-23', time, TZ), 'schedule');
    await t.settle();
    return outcome.result;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村,光明村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
  });
  afterAll(() => t.close());

  it('records a report in the village group, once a day, and audits it', async () => {
    t.clock.now = new Date('2026-11-23T14:10:00+08:00');
    expect((await g.say('/上报 今日无新增', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['已收到日报（14:10）。']);
    expect((await g.say('/上报', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['今天的日报都已上报，无需重复。']);
    const rows = await t.db.db.select().from(villageReports);
    expect(rows).toMatchObject([{ reportDate: '2026-11-23', report: 'daily', reportedBy: CADRE, note: '今日无新增', chatId: DONGFENG }]);
  });

  it('explains where to report when used outside a village group, and records nothing', async () => {
    const { replies } = await g.say('/上报', { from: ADMIN, chatId: HQ });
    expect(replies).toEqual(['请在本村工作群里发送 /上报 [备注]，例如：/上报 今日无新增']);
    expect(await t.db.db.select().from(villageReports)).toHaveLength(1);
  });

  it('reminds at 15:00 only the bound villages that have not reported', async () => {
    const result = await fire('15:00');
    expect(result).toEqual({ reminders: 1, missed: 0, hqMessages: 0 });
    expect(textsTo(HONGQI)).toEqual(['⏰ 本村今天的日报还未上报，请在 16:00 前发送 /上报 [备注]。']);
    expect(textsTo(DONGFENG)).toEqual([]);
  });

  it('at 16:00 tells HQ which villages missed the deadline; a late report is accepted and marked late', async () => {
    const result = await fire('16:00');
    expect(result).toEqual({ reminders: 0, missed: 2, hqMessages: 1 });
    expect(textsTo(HQ).at(-1)).toBe('11月23日日报截止 16:00，以下村未按时上报：\n红旗村\n光明村');
    t.clock.now = new Date('2026-11-23T16:20:00+08:00');
    expect((await g.say('/日报', { from: CADRE, chatId: HONGQI })).replies).toEqual(['已收到日报（16:20），已超过截止时间 16:00，记为迟报。']);
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});

describe('daily-summary and /汇总, against a hand-made dataset', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const TRANSFER = 'oc_jobs_transfer';
  const cardsTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo && m.msgType === 'interactive');
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const register = async (line: string, chatId: string) => {
    const { replies } = await g.say(`/登记 ${line}`, { from: CADRE, chatId });
    expect(replies.join()).toContain('已登记');
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-21T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TESTING });
    await g.say('/绑定 专班 转运', { from: ADMIN, chatId: TRANSFER });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    // 11-21: D in 红旗村 (居家隔离 11-21..11-27).
    await register(`赵六 ${validId('11010519520303005')} 13812345671 居家隔离 今天`, HONGQI);
    // 11-22 (yesterday): A and B in 东风村, C in 红旗村 (its period ends 11-23).
    at('2026-11-22T10:00:00+08:00');
    await register(`张三 ${validId('11010519491231002')} 13812345678 居家隔离 11月20日`, DONGFENG);
    await register(`李四 ${validId('11010519500101003')} 13812345679 集中隔离 今天`, DONGFENG);
    await register(`王五 ${validId('11010519510202004')} 13812345670 居家隔离 11月17日`, HONGQI);
    const ids = Object.fromEntries((await t.db.db.select().from(cases)).map((c) => [t.cipher.decrypt(c.nameEnc), c.id]));
    // B's day-1 test is sampled and negative; A has a fever (an open alert).
    await g.say(`/采样 #${ids['李四']}`, { from: DOCTOR, chatId: DONGFENG });
    await g.say(`/结果 #${ids['李四']} 阴性`, { from: DOCTOR, chatId: DONGFENG });
    await g.say(`/体温 #${ids['张三']} 38.5`, { from: DOCTOR, chatId: DONGFENG });
    // 东风村 reports in time, 红旗村 does not; one release is on record.
    at('2026-11-22T15:30:00+08:00');
    await g.say('/上报', { from: CADRE, chatId: DONGFENG });
    await t.db.db.insert(auditLog).values({ at: new Date('2026-11-22T12:00:00+08:00'), actorOpenId: ADMIN, action: 'case.release', caseId: null });
    // 11-23 (today): E in 东风村.
    at('2026-11-23T07:00:00+08:00');
    await register(`孙七 ${validId('11010519530404006')} 13812345672 居家隔离 今天`, DONGFENG);
  });
  afterAll(() => t.close());

  const expectedLines = [
    '每日汇总 · 11月23日 · 截至 08:00',
    '在管 5 人（当前）',
    '按类别：居家隔离 4，集中隔离 1',
    '按村：东风村 3，红旗村 2',
    '昨日（11月22日）新增 3 人，解除 1 人',
    // Yesterday: 李四's day 1 (negative) and the make-ups offered to 张三 and 王五, registered after their period began, not taken.
    '昨日（11月22日）核酸：应采 3，已采 1，出结果 1，昨日漏采 2 项；今日计划 4',
    '已采样未出结果：待结果 0，结果超时 0',
    '未处理异常 1 起',
    '转运：进行中 0，超过8小时未交接 0，昨日交接 0',
    '到期待解除：今日 1 人，明日 0 人，逾期未解除 0 人',
    '11月22日日报未按时上报：红旗村',
    // Today per village: 东风村 张三 day 4, 李四 day 2, 孙七 day 1; 红旗村 王五 day 7.
    '村　在管 应检 已采 待结果 异常 漏采',
    '东风村　3 3 0 0 1 0',
    '红旗村　2 1 0 0 0 0',
  ];

  // 11-22 as it stood at its end: 赵六, 张三, 李四, 王五 under management; that day's three tests.
  const yesterdayLines = [
    '汇总 · 11月22日（当天数字，截至当天结束）',
    '当天结束时在管 4 人',
    '当天新增 3 人，解除 1 人',
    '当天核酸：应采 3，已采 1，出结果 1，漏采 2',
    '当天结束时未处理异常 1 起',
    '11月22日日报未按时上报：红旗村',
    '村　在管 应检 已采 待结果 异常 漏采',
    '东风村　2 2 1 0 1 1',
    '红旗村　2 1 0 0 0 1',
  ];

  it('posts the summary card with the right numbers and the 14-day chart to HQ and every task force, not to villages', async () => {
    at('2026-11-23T08:00:00+08:00');
    const outcome = await t.hw.jobRunner.runFire(dailySummary, fireOn('2026-11-23', '08:00', TZ), 'schedule');
    await t.settle();
    expect(outcome.result).toEqual({ active: 5, cards: 3 });
    for (const chat of [HQ, TESTING, TRANSFER]) expect(cardsTo(chat).filter((m) => textOf(currentCard(m)).includes('每日汇总'))).toHaveLength(1);
    for (const chat of [DONGFENG, HONGQI]) expect(cardsTo(chat).filter((m) => textOf(currentCard(m)).includes('每日汇总'))).toHaveLength(0);
    const card = currentCard(cardsTo(HQ).at(-1)!) as { body: { elements: { tag: string; chart_spec?: { data: { values: { date: string; n: number }[] } } }[] } };
    expect(textOf(card).split('\n').filter((l) => l !== '近14天在管人数')).toEqual(expectedLines);
    const values = card.body.elements.find((e) => e.tag === 'chart')!.chart_spec!.data.values;
    expect(values).toHaveLength(14);
    expect(values[0]).toEqual({ date: '11-10', n: 0 });
    expect(values.slice(-3)).toEqual([
      { date: '11-21', n: 1 },
      { date: '11-22', n: 4 },
      { date: '11-23', n: 5 },
    ]);
  });

  it('/汇总 answers the same card on demand, and for an earlier date', async () => {
    const today = await g.say('/汇总', { from: ADMIN, chatId: HQ });
    expect(textOf(JSON.parse(today.replies[0]!)).split('\n').filter((l) => l !== '近14天在管人数')).toEqual(expectedLines);
    const earlier = await g.say('/汇总 昨天', { from: ADMIN, chatId: HQ });
    expect(textOf(JSON.parse(earlier.replies[0]!)).split('\n').filter((l) => l !== '近14天在管人数')).toEqual(yesterdayLines);
    // Two days before: only 赵六, registered on 11-21 with its day-1 test, never sampled.
    const before = await g.say('/汇总 11月21日', { from: ADMIN, chatId: HQ });
    const lines = textOf(JSON.parse(before.replies[0]!)).split('\n');
    expect(lines).toContain('当天结束时在管 1 人');
    expect(lines).toContain('当天核酸：应采 1，已采 0，出结果 0，漏采 1');
    expect(lines).toContain('红旗村　1 1 0 0 0 1');
    expect(lines).toContain('东风村　0 0 0 0 0 0');
  });

  it('/汇总 refuses a village group and explains a bad date', async () => {
    expect((await g.say('/汇总', { from: CADRE, chatId: DONGFENG })).replies).toEqual(['每日汇总仅供指挥部、专班和组长查看。']);
    expect((await g.say('/汇总 明天', { from: ADMIN, chatId: HQ })).replies[0]).toContain('“明天”不是日期');
    expect((await g.say('/汇总 13月1日', { from: ADMIN, chatId: HQ })).replies[0]).toContain('“13月1日”不是日期');
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});

describe('release-due and 解除', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const ids: Record<string, number> = {};
  const cardsTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo && m.msgType === 'interactive');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-17T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    const people = [
      ['张三', '11010519491231002', '13812345678', '居家隔离 今天', DONGFENG], // ends 11-23, all negative
      ['李四', '11010519500101003', '13812345679', '居家隔离 今天', DONGFENG], // ends 11-23, day 7 without result
      ['王五', '11010519510202004', '13812345670', '居家隔离 今天', HONGQI], // ends 11-23, all negative, an open alert
    ] as const;
    for (const [name, id17, phone, rest, chat] of people) {
      expect((await g.say(`/登记 ${name} ${validId(id17)} ${phone} ${rest}`, { from: CADRE, chatId: chat })).replies.join()).toContain('已登记');
    }
    t.clock.now = new Date('2026-11-20T09:00:00+08:00');
    // Ends 11-26: not due.
    expect((await g.say(`/登记 赵六 ${validId('11010519520303005')} 13812345671 集中隔离 今天`, { from: CADRE, chatId: DONGFENG })).replies.join()).toContain('已登记');
    for (const c of await t.db.db.select().from(cases)) ids[t.cipher.decrypt(c.nameEnc)] = c.id;
    for (const name of ['张三', '李四', '王五']) {
      const tests = await t.db.db.select().from(duties).where(eq(duties.caseId, ids[name]!));
      for (const d of tests.filter((x) => x.kind === 'test' && !(name === '李四' && x.day === 7))) {
        await t.db.db.update(duties).set({ result: 'negative', status: 'done' }).where(eq(duties.id, d.id));
      }
    }
    const [wang] = await t.db.db.select().from(cases).where(eq(cases.id, ids['王五']!));
    await t.db.db.insert(caseAlerts).values({ caseId: wang!.id, villageId: wang!.villageId, kind: 'fever', temperature: 38.4, symptoms: [], openedBy: 'ou_doc', openedAt: new Date('2026-11-22T09:00:00+08:00') });
    t.clock.now = new Date('2026-11-24T09:00:00+08:00');
    const outcome = await t.hw.jobRunner.runFire(releaseDue, fireOn('2026-11-24', '09:00', TZ), 'schedule');
    await t.settle();
    expect(outcome.result).toEqual({ due: 3, ready: 1, cards: 3 });
  });
  afterAll(() => t.close());

  it('tells each village who may be released and who is held, and why', () => {
    const dongfeng = currentCard(cardsTo(DONGFENG).at(-1)!);
    expect(textOf(dongfeng).split('\n')).toEqual([
      '到期解除 · 东风村 · 11月24日',
      '可解除（1 人）：',
      `#${ids['张三']} 张* 居家隔离 期满 11月23日`,
      '解除',
      '待处理（1 人）：',
      `#${ids['李四']} 李* 居家隔离 期满 11月23日 — 核酸第7天无阴性结果`,
    ]);
    expect(buttonsOf(dongfeng).map((b) => b.value)).toEqual([{ action: 'case.release', caseId: ids['张三'] }]);
    expect(textOf(currentCard(cardsTo(HONGQI).at(-1)!))).toContain(`#${ids['王五']} 王* 居家隔离 期满 11月23日 — 有未处理异常`);
    const hq = textOf(currentCard(cardsTo(HQ).at(-1)!));
    expect(hq).toContain('到期解除 · 全镇 · 11月24日');
    expect(hq).toContain(`#${ids['张三']} 张*（东风村） 居家隔离`);
    expect(hq).toContain(`#${ids['王五']} 王*（红旗村） 居家隔离`);
    expect(hq).not.toContain('赵*');
  });

  it('解除 is for leads: releases once and audits it; refuses what is not ready or not due', async () => {
    const hqCard = cardsTo(HQ).at(-1)!;
    const release = findButton(currentCard(hqCard), '解除').value;
    const onVillage = cardsTo(DONGFENG).at(-1)!;
    const refused = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: onVillage.messageId, value: release });
    expect(refused.toast).toEqual({ type: 'error', content: '仅组长可办理解除' });
    const member = await press(t, { operator: 'ou_hq_member', chatId: HQ, messageId: hqCard.messageId, value: release });
    expect(member.toast).toEqual({ type: 'error', content: '仅组长可办理解除' });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: 'oc_p2p_jobs_admin', chatType: 'p2p', mentions: [{ key: '@_user_2', openId: 'ou_hq_member', name: '陈组长' }] });
    const ok = await press(t, { operator: 'ou_hq_member', chatId: HQ, messageId: hqCard.messageId, value: release });
    expect(ok.toast).toEqual({ type: 'success', content: `#${ids['张三']} 张* 已解除，解除隔离告知书已私信发出` });
    const again = await press(t, { operator: 'ou_hq_member', chatId: HQ, messageId: hqCard.messageId, value: release });
    expect(again.toast).toEqual({ type: 'warning', content: `#${ids['张三']} 已解除，这张卡片已过期` });
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.release'));
    expect(audits).toMatchObject([{ caseId: ids['张三'], actorOpenId: 'ou_hq_member' }]);
    expect((await t.db.db.select().from(cases).where(eq(cases.id, ids['张三']!)))[0]!.status).toBe('released');
    const held = await press(t, { operator: ADMIN, chatId: HQ, messageId: hqCard.messageId, value: { action: 'case.release', caseId: ids['李四'] } });
    expect(held.toast).toEqual({ type: 'warning', content: `#${ids['李四']} 暂不能解除：核酸第7天无阴性结果` });
    const early = await press(t, { operator: ADMIN, chatId: HQ, messageId: hqCard.messageId, value: { action: 'case.release', caseId: ids['赵六'] } });
    expect(early.toast).toEqual({ type: 'warning', content: `#${ids['赵六']} 暂不能解除：管控期至11月26日，尚未期满；核酸第1、2、3、5、7天无阴性结果` });
  });

  it('lists as many cases as a release card holds, ready ones first, and says how many more there are', async () => {
    const [zhang] = await t.db.db.select().from(cases).where(eq(cases.id, ids['张三']!));
    const dueCase = (i: number) => ({ ...zhang!, id: undefined, name: `测试${i}`, idNumberHash: `cap-${i}`, status: 'active' as const, startDate: '2026-11-18', endDate: '2026-11-24' });
    // A day counts negative once its resample did, after an invalid first sample.
    const [resampled] = await t.db.db.insert(cases).values(dueCase(0)).returning({ id: cases.id });
    const test = { caseId: resampled!.id, villageId: zhang!.villageId, kind: 'test' as const, day: 7, dueDate: '2026-11-24', phase: '居家隔离', status: 'done' as const };
    const window = { windowStart: new Date('2026-11-24T08:00:00+08:00'), windowEnd: new Date('2026-11-24T12:00:00+08:00') };
    await t.db.db.insert(duties).values([
      { ...test, ...window, result: 'invalid' as const },
      { ...test, ...window, result: 'negative' as const },
    ]);
    await t.db.db.insert(cases).values(Array.from({ length: RELEASE_PAGE_ROWS + 13 }, (_, i) => dueCase(i + 1)));

    const outcome = await t.hw.jobRunner.runFire(releaseDue, fireOn('2026-11-25', '09:00', TZ), 'schedule');
    await t.settle();
    for (const chat of [DONGFENG, HQ]) {
      const lines = textOf(currentCard(cardsTo(chat).at(-1)!)).split('\n');
      const ready = Number(/可解除（(\d+) 人）/.exec(lines.join('\n'))![1]);
      const held = Number(/待处理（(\d+) 人）/.exec(lines.join('\n'))?.[1] ?? 0);
      expect(ready).toBeGreaterThanOrEqual(RELEASE_PAGE_ROWS + 14);
      const rows = lines.filter((l) => l.startsWith('#'));
      expect(rows).toHaveLength(RELEASE_PAGE_ROWS);
      expect(rows.every((l) => !l.includes(' — '))).toBe(true);
      const listed = rows.map((l) => Number(/^#(\d+) /.exec(l)![1]));
      expect(listed).toEqual([...listed].sort((a, b) => a - b));
      expect(listed).toContain(resampled!.id);
      expect(lines.at(-1)).toBe(`……另有 ${ready + held - RELEASE_PAGE_ROWS} 人未列出。`);
    }
    expect(outcome.result!.ready).toBeGreaterThanOrEqual(RELEASE_PAGE_ROWS + 14);
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});
