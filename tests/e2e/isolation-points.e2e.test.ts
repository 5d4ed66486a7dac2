import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseMove } from '../../jobs/phase-move';
import { testDue } from '../../jobs/test-due';
import { tempDue } from '../../jobs/temp-due';
import { cases, duties } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import { currentCard, findButton, press, textOf } from '../helpers/cards';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const TZ = 'Asia/Shanghai';
const ADMIN_P2P = 'oc_p2p_points_admin';
const DONGFENG = 'oc_points_dongfeng';
const HOTEL = 'oc_points_hotel';
const HQ = 'oc_points_hq';
const DOCTOR = 'ou_points_doctor';
const MEDIC = 'ou_points_medic';
const CADRE = 'ou_points_cadre';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

/** Central isolation at an isolation point: its own staff, its own cards (001 篇二 §8); 入境 7+3 back to the village (§4). */
describe('isolation points end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const cardsTo = (chatId: string) => sentTo(chatId).filter((m) => m.msgType === 'interactive');
  const textsTo = (chatId: string) => sentTo(chatId).filter((m) => m.msgType === 'text').map((m) => String((m.parsedContent as { text: string }).text));
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
  const caseOf = async (name: string) => (await t.db.db.select().from(cases).where(eq(cases.id, no[name]!)))[0]!;
  const testsOf = (name: string) => t.db.db.select().from(duties).where(and(eq(duties.caseId, no[name]!), eq(duties.kind, 'test'))).orderBy(duties.dueDate, duties.id);
  async function register(name: string, id17: string, rest: string) {
    const { replies } = await g.say(`/登记 ${name} ${validId(id17)} 1381234${id17.slice(-4)} ${rest}`, { from: CADRE, chatId: DONGFENG });
    const card = textOf(JSON.parse(replies[0]!));
    no[name] = Number(/已登记 #(\d+)/.exec(card)![1]);
    return card;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T07:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
  });
  afterAll(() => t.close());

  it('adds an isolation point, binds its group and grants its medical staff; refuses unknown points with the list', async () => {
    expect(await reply('/隔离点 列表', ADMIN, HQ)).toBe('还没有隔离点。管理员可用 /隔离点 添加 县隔离酒店');
    expect(await reply('/隔离点 添加 县隔离酒店', CADRE, HQ)).toContain('管理员');
    expect(await reply('/隔离点 添加 县隔离酒店', ADMIN, HQ)).toBe('已添加隔离点：县隔离酒店');
    expect(await reply('/绑定 隔离点 县宾馆', ADMIN, HOTEL)).toBe('没有“县宾馆”这个隔离点。本镇隔离点：县隔离酒店');
    expect(await reply('/绑定 隔离点 县隔离酒店', ADMIN, HOTEL)).toBe('本群已绑定为：县隔离酒店（隔离点）工作群');
    const granted = await t.say('/角色 @_user_2 隔离点医务', { from: ADMIN, chatId: HOTEL, mentions: [mention(MEDIC, '李护士')] });
    expect(granted.replies).toEqual(['已授予 李护士：隔离点医务（县隔离酒店）']);
  });

  it('registers central isolation at the point: its tests and temperatures go to the point\'s group, none to the village\'s', async () => {
    const card = await register('张三', '11010519491231002', '集中隔离 离开 11月22日');
    expect(card).toContain('第1天为11月22日，离开风险地区之日');
    expect(card).toContain('集中隔离地点：县隔离酒店（由该隔离点医务人员采样和测温）');
    const pointId = (await caseOf('张三')).isolationPointId;
    expect(pointId).not.toBeNull();
    expect((await testsOf('张三')).every((d) => d.pointId === pointId)).toBe(true);
    const result = await run(testDue, '2026-11-23', '07:30');
    expect(result).toMatchObject({ villages: 0, villageCards: 0, points: 1, pointCards: 1 });
    const hotelCard = textOf(currentCard(cardsTo(HOTEL).at(-1)!));
    expect(hotelCard).toContain('今日核酸采样 · 县隔离酒店 · 1人');
    expect(hotelCard).toContain(`#${no['张三']} 张* 第2天`);
    expect(cardsTo(DONGFENG).filter((m) => textOf(currentCard(m)).includes('今日核酸采样'))).toHaveLength(0);
    expect(await run(tempDue, '2026-11-23', '08:00')).toMatchObject({ villages: 0, points: 1, pointCards: 1 });
  });

  it('only the point\'s staff confirm there: the village doctor is refused, the medic samples', async () => {
    const hotelCard = cardsTo(HOTEL).find((m) => textOf(currentCard(m)).includes('今日核酸采样 · 县隔离酒店'))!;
    const [today] = (await testsOf('张三')).filter((d) => d.dueDate === '2026-11-23');
    const sample = findButton(currentCard(hotelCard), '已采样', { dutyId: today!.id });
    expect(sample.value).toMatchObject({ pointId: (await caseOf('张三')).isolationPointId });
    at('2026-11-23T09:00:00+08:00');
    const refused = await press(t, { operator: DOCTOR, chatId: HOTEL, messageId: hotelCard.messageId, value: sample.value });
    expect(refused.toast).toEqual({ type: 'error', content: '仅该隔离点的医务人员可确认' });
    const ok = await press(t, { operator: MEDIC, chatId: HOTEL, messageId: hotelCard.messageId, value: sample.value });
    expect(ok.toast).toEqual({ type: 'success', content: `#${no['张三']} 已记录采样，待结果` });
    expect(textOf(ok.card)).toContain('今日核酸采样 · 县隔离酒店');
    expect(await reply(`/结果 #${no['张三']} 阴性`, MEDIC, HOTEL)).toContain('结果已记录：阴性');
  });

  it('/转运 … 集中隔离 keeps the case: a new phase at the point, the history kept, the point told', async () => {
    await register('李四', '11010519500101003', '居家隔离 到达 11月21日');
    const before = await caseOf('李四');
    expect(before.startBasis).toBe('arrival');
    at('2026-11-23T10:00:00+08:00');
    expect(await reply(`/转运 #${no['李四']} 集中隔离 县宾馆`, CADRE, DONGFENG)).toBe('没有“县宾馆”这个隔离点。本镇隔离点：县隔离酒店');
    const moved = await reply(`/转运 #${no['李四']} 集中隔离 县隔离酒店 密接升级`, CADRE, DONGFENG);
    expect(moved).toBe(`#${no['李四']} 李* 已转至县隔离酒店集中隔离（11月23日为第1天，至11月29日），由该隔离点医务人员采样和测温；本村可随时 /查看 #${no['李四']}。`);
    const after = await caseOf('李四');
    expect([after.status, after.category, after.startDate, after.endDate, after.id]).toEqual(['active', 'central_isolation', '2026-11-23', '2026-11-29', before.id]);
    expect(after.isolationPointId).not.toBeNull();
    expect(textsTo(HOTEL).at(-1)).toBe(`新转入：#${no['李四']} 李*（东风村）集中隔离，11月23日为第1天，至11月29日。核酸和体温卡片将发到本群。`);
    const pending = (await t.db.db.select().from(duties).where(and(eq(duties.caseId, no['李四']!), eq(duties.status, 'pending')))).filter((d) => d.dueDate >= '2026-11-24');
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((d) => d.pointId === after.isolationPointId)).toBe(true);
    expect(pending.some((d) => d.kind === 'visit')).toBe(false);
    expect(await reply(`/转运 #${no['李四']} 集中隔离`, CADRE, DONGFENG)).toBe(`#${no['李四']} 已在县隔离酒店集中隔离，无需再转。`);
    const history = await reply(`/记录 #${no['李四']}`, CADRE, DONGFENG);
    expect(history).toContain('转场');
    expect(history).toContain('隔离点：县隔离酒店');
  });

  it('/转回居家 brings a case back to the village under home isolation', async () => {
    expect(await reply(`/转回居家 #${no['张三']} 火星`, CADRE, DONGFENG)).toContain('类别“火星”不存在或要在隔离点进行');
    at('2026-11-24T10:00:00+08:00');
    const back = await reply(`/转回居家 #${no['李四']}`, CADRE, DONGFENG);
    expect(back).toBe(`#${no['李四']} 李* 已从县隔离酒店转回东风村：居家隔离至11月29日，今后的核酸、体温由本村负责。`);
    expect(textsTo(HOTEL).at(-1)).toBe(back);
    const c = await caseOf('李四');
    expect([c.category, c.isolationPointId]).toEqual(['home_isolation', null]);
    const pending = (await t.db.db.select().from(duties).where(and(eq(duties.caseId, no['李四']!), eq(duties.status, 'pending')))).filter((d) => d.dueDate >= '2026-11-25');
    expect(pending.every((d) => d.pointId === null)).toBe(true);
    expect(await reply(`/转回居家 #${no['李四']}`, CADRE, DONGFENG)).toBe(`#${no['李四']} 不在隔离点，不需要转回居家。`);
  });

  it('入境 7+3: seven days at the point, then by itself back to the village on day 8, both groups told', async () => {
    at('2026-11-24T11:00:00+08:00');
    const card = await register('王五', '11010519510202004', '入境 今天');
    expect(card).toContain('第1天为11月24日，到达之日');
    const tests = await testsOf('王五');
    const pointId = (await caseOf('王五')).isolationPointId;
    expect(tests.map((d) => [d.day, d.pointId === pointId ? 'point' : 'village'])).toEqual([
      [1, 'point'], [2, 'point'], [3, 'point'], [5, 'point'], [7, 'point'], [10, 'village'],
    ]);
    // Day 7 (11-30): still at the point.
    expect(await run(phaseMove, '2026-11-30', '07:00')).toMatchObject({ moved: 0 });
    // Day 8 (12-01): the home health monitoring phase begins in the village.
    expect(await run(phaseMove, '2026-12-01', '07:00')).toMatchObject({ moved: 1 });
    expect((await caseOf('王五')).isolationPointId).toBeNull();
    const line = `#${no['王五']} 王* 已从县隔离酒店转回东风村：居家健康监测至12月3日，今后的核酸、体温由本村负责。`;
    expect(textsTo(DONGFENG)).toContain(line);
    expect(textsTo(HOTEL)).toContain(line);
    expect(await run(phaseMove, '2026-12-02', '07:00')).toMatchObject({ moved: 0 });
    // Day 10's test is on the village's card.
    await run(testDue, '2026-12-03', '07:30');
    expect(textOf(currentCard(cardsTo(DONGFENG).at(-1)!))).toContain(`#${no['王五']} 王* 第10天`);
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});

describe('what day 1 is, and dates that cannot be read', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  afterAll(() => t?.close());
  const say = async (text: string) => (await g.say(text, { from: CADRE, chatId: DONGFENG })).replies.join('\n');
  let n = 0;
  const person = () => `测试${'一二三四五六七八九'[n]} ${validId(`1101051980010${String(100 + n++).slice(-3)}0`.slice(0, 17))} 1390000${String(1000 + n)}`;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
  });

  it.each([
    ['居家隔离 11月28日', '第1天为11月28日，离开风险地区之日'], // the category's rule: 001 篇二 §30
    ['居家隔离 到达 11月28日', '第1天为11月28日，到达之日'],
    ['居家隔离 11月28日到达', '第1天为11月28日，到达之日'],
    ['居家隔离观察 11月28日', '第1天为11月28日，到达之日'], // 004 篇四
    ['居家隔离观察 离开11月27日', '第1天为11月27日，离开风险地区之日'],
    ['居家隔离', '第1天为12月1日，排查发现之日'], // no date: the day found
    ['三天三检 12.1', '第1天为12月1日，到达之日'], // 12.1 is a date
    ['三天两检 11.30', '第1天为11月30日，到达之日'],
  ])('/登记 … %s → %s', async (rest, expected) => {
    const text = await say(`/登记 ${person()} ${rest} 东风村四组`);
    expect(text).toContain(expected);
    expect(text).toContain('已登记');
  });

  it.each([
    ['12月32日', '日期“12月32日”不存在'],
    ['2/30', '日期“2/30”不存在'],
    ['12.32', '日期“12.32”不存在'],
    ['离开', '写了“离开”但没有写日期'],
  ])('a date that cannot be read (%s) is an error naming it, never part of the address', async (word, expected) => {
    const text = await say(`/登记 ${person()} 居家隔离 ${word} 东风村四组`);
    expect(text).toContain('登记未成功');
    expect(text).toContain(expected);
  });

  it('registered nothing for the refused lines', async () => {
    expect((await t.db.db.select().from(cases)).length).toBe(8);
    g.expectNoLeaks();
  });
});
