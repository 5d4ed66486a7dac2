import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, transfers } from '../../src/db/schema';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { readXlsx } from '../helpers/files';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_transfer_admin';
const DONGFENG = 'oc_transfer_dongfeng';
const HONGQI = 'oc_transfer_hongqi';
const HOTEL = 'oc_transfer_hotel';
const HQ = 'oc_transfer_hq';
const TASKFORCE = 'oc_transfer_taskforce';
const CADRE = 'ou_transfer_cadre';
const HONGQI_CADRE = 'ou_transfer_hongqi_cadre';
const DRIVER_DESK = 'ou_transfer_desk';
const LEAD = 'ou_transfer_lead';
const DOCTOR = 'ou_transfer_doctor';

/** Transfers as a workflow on the 8-hour clock (001 篇二 §26), close contacts to central isolation (000 (十)). */
describe('transfers end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const textsTo = (chatId: string) => sentTo(chatId).filter((m) => m.msgType === 'text').map((m) => String((m.parsedContent as { text: string }).text));
  const transferCardIn = (chatId: string, caseNo: number): FakeMessage => {
    const found = sentTo(chatId).filter((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`转运 #${caseNo} `));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const reply = async (text: string, from: string, chatId: string) => (await g.say(text, { from, chatId })).replies.join('\n');
  const caseOf = async (caseNo: number) => (await t.db.db.select().from(cases).where(eq(cases.id, caseNo)))[0]!;
  const transferOf = async (caseNo: number) => (await t.db.db.select().from(transfers).where(eq(transfers.caseId, caseNo)).orderBy(transfers.id)).at(-1)!;
  async function register(name: string, id17: string, rest: string, chatId = DONGFENG, from = CADRE) {
    const { replies } = await g.say(`/登记 ${name} ${validId(id17)} 1391234${id17.slice(-4)} ${rest}`, { from, chatId });
    const card = textOf(JSON.parse(replies[0]!));
    no[name] = Number(/已登记 #(\d+)/.exec(card)![1]);
    return card;
  }
  const pressOn = (m: FakeMessage, operator: string, chatId: string, text: string, formValue?: Record<string, unknown>) =>
    press(t, { operator, chatId, messageId: m.messageId, value: findButton(currentCard(m), text).value, formValue });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: 'oc_p2p_transfer_admin', chatType: 'p2p', mentions: [{ key: '@_user_2', openId: LEAD, name: '周组长' }] });
    await g.say('/隔离点 添加 县隔离酒店', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 隔离点 县隔离酒店', { from: ADMIN, chatId: HOTEL });
    await t.say('/角色 @_user_2 村干部 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: CADRE, name: '陈干部' }] });
    await t.say('/角色 @_user_2 村干部 红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: HONGQI_CADRE, name: '刘干部' }] });
  });
  afterAll(() => t.close());

  it('registering a 密接 in the village opens a transfer instead of home isolation; without a 转运 group the card goes to the village and HQ', async () => {
    const card = await register('张三', '11010519491231002', '密接');
    expect(card).toContain('密接须在8小时内转运至集中隔离点：已自动发起转运申请，交接后由隔离点接管。');
    const c = await caseOf(no['张三']!);
    expect([c.category, c.isolationPointId]).toEqual(['close_contact', null]);
    const row = await transferOf(no['张三']!);
    expect([row.status, row.destination, row.category]).toEqual(['requested', 'central', 'close_contact']);
    const text = textOf(currentCard(transferCardIn(HQ, no['张三']!)));
    expect(text).toContain(`转运 #${no['张三']} · 张*（东风村） · 待派车`);
    expect(text).toContain('从：东风村　→　去向：集中隔离（密接）');
    expect(text).toContain('申请：11月23日 09:00　限8小时内交接（11月23日 17:00前）');
    transferCardIn(DONGFENG, no['张三']!);
  });

  it('/转运申请 posts to the 转运 task force group, the village and HQ; a second request is refused', async () => {
    expect(await reply('/绑定 专班 转运', ADMIN, TASKFORCE)).toContain('转运');
    await register('李四', '11010519500101003', '居家隔离 到达 11月21日');
    expect(await reply(`/转运申请 #${no['李四']}`, CADRE, DONGFENG)).toContain('要写转到哪里：集中隔离 或 医院。');
    expect(await reply(`/转运申请 #${no['李四']} 火星`, CADRE, DONGFENG)).toContain('看不懂「火星」');
    expect(await reply(`/转运申请 #${no['李四']} 集中隔离 密接`, HONGQI_CADRE, HONGQI)).toContain('没有你可查看的');
    at('2026-11-23T10:00:00+08:00');
    const ok = await reply(`/转运申请 #${no['李四']} 集中隔离 密接`, CADRE, DONGFENG);
    expect(ok).toBe(`已申请转运：#${no['李四']} 李* → 集中隔离，须在8小时内完成交接。卡片已发到转运专班群，本群同步每一步。`);
    for (const chat of [TASKFORCE, DONGFENG, HQ]) expect(textOf(currentCard(transferCardIn(chat, no['李四']!)))).toContain('去向：集中隔离（密接）');
    expect(sentTo(HONGQI).some((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`转运 #${no['李四']} `))).toBe(false);
    const again = await reply(`/转运申请 #${no['李四']} 医院`, CADRE, DONGFENG);
    expect(again).toContain(`#${no['李四']} 已有转运申请`);
    expect(again).toContain('待派车');
  });

  it('refuses steps out of order and says the order; 已派车 asks its form and shows the vehicle on every copy', async () => {
    const card = transferCardIn(TASKFORCE, no['李四']!);
    expect(buttonsOf(currentCard(card)).map((b) => b.text)).toEqual(['已派车', '已接走', '已交接']);
    const early = await pressOn(card, DRIVER_DESK, TASKFORCE, '已交接');
    expect(early.toast).toEqual({ type: 'warning', content: '请按顺序操作：已派车 → 已接走 → 已交接。「已交接」之前要先「已派车」。' });
    const stranger = await pressOn(card, DRIVER_DESK, HONGQI, '已派车');
    expect(stranger.toast).toEqual({ type: 'error', content: '仅转运专班、本村干部或组长可操作转运' });
    const ask = await pressOn(card, DRIVER_DESK, TASKFORCE, '已派车');
    expect(textOf(ask.card)).toContain('车牌');
    at('2026-11-23T10:30:00+08:00');
    const submit = findButton(ask.card, '确认派车');
    const missing = await press(t, { operator: DRIVER_DESK, chatId: TASKFORCE, messageId: card.messageId, value: submit.value, formValue: { plate: '苏A12345', driver: '' } });
    expect(missing.toast).toEqual({ type: 'error', content: '请填写司机' });
    const done = await press(t, { operator: DRIVER_DESK, chatId: TASKFORCE, messageId: card.messageId, value: submit.value, formValue: { plate: '苏A12345', driver: '王师傅', escort: '李医生 13912345678' } });
    expect(done.toast).toEqual({ type: 'success', content: `#${no['李四']} 已派车` });
    for (const chat of [TASKFORCE, DONGFENG, HQ]) {
      const text = textOf(currentCard(transferCardIn(chat, no['李四']!)));
      expect(text).toContain('已派车：苏A12345　司机 王师傅　随车 李医生 139****5678（10:30）');
      expect(text).toContain('已用时 30分钟（截至 10:30）');
    }
    expect(buttonsOf(currentCard(transferCardIn(HQ, no['李四']!))).map((b) => b.text)).toEqual(['已接走', '已交接']);
    const twice = await press(t, { operator: DRIVER_DESK, chatId: TASKFORCE, messageId: card.messageId, value: submit.value, formValue: { plate: '苏B1', driver: '赵' } });
    expect(twice.toast).toEqual({ type: 'info', content: '已记录过「已派车」' });
    const stillEarly = await pressOn(transferCardIn(DONGFENG, no['李四']!), CADRE, DONGFENG, '已交接');
    expect(stillEarly.toast?.content).toContain('「已交接」之前要先「已接走」');
  });

  it('tells HQ at 6 h and at 8 h without 已交接, once each, and turns the cards red', async () => {
    at('2026-11-23T15:59:00+08:00');
    await t.settle();
    expect(textsTo(HQ).filter((x) => x.includes(`#${no['李四']} `))).toEqual([]);
    at('2026-11-23T16:00:00+08:00');
    await t.settle();
    await t.settle();
    expect(textsTo(HQ).filter((x) => x.includes(`#${no['李四']} `))).toEqual([`转运提醒：#${no['李四']} 李*（东风村）申请已6小时仍未交接（当前：已派车，限8小时）。`]);
    // 张三 was requested at 09:00: its 6 h came at 15:00.
    expect(textsTo(HQ).filter((x) => x.includes(`#${no['张三']} `))).toHaveLength(1);
    const card = currentCard(transferCardIn(TASKFORCE, no['李四']!)) as { header: { template: string } };
    expect(card.header.template).toBe('red');
    expect(textOf(card)).toContain('已过6小时仍未交接，已报指挥部');
    at('2026-11-23T18:00:00+08:00');
    await t.settle();
    expect(textsTo(HQ).filter((x) => x.includes(`#${no['李四']} `)).at(-1)).toBe(`转运超时：#${no['李四']} 李*（东风村）申请已超过8小时仍未交接（当前：已派车），请立即督办。`);
    await t.settle();
    expect(textsTo(HQ).filter((x) => x.includes(`#${no['李四']} `))).toHaveLength(2);
  });

  it('已接走 then 已交接 at the point moves the case there under 密接; the point hears of it; the cards end without buttons', async () => {
    at('2026-11-23T18:10:00+08:00');
    const card = transferCardIn(TASKFORCE, no['李四']!);
    expect((await pressOn(card, DRIVER_DESK, TASKFORCE, '已接走')).toast).toEqual({ type: 'success', content: `#${no['李四']} 已接走` });
    const ask = await pressOn(card, DRIVER_DESK, TASKFORCE, '已交接');
    const submit = findButton(ask.card, '确认交接');
    at('2026-11-23T18:40:00+08:00');
    const wrong = await press(t, { operator: DRIVER_DESK, chatId: TASKFORCE, messageId: card.messageId, value: submit.value, formValue: { place: '县宾馆', receiver: '赵护士' } });
    expect(wrong.toast).toEqual({ type: 'error', content: '没有“县宾馆”这个隔离点。本镇隔离点：县隔离酒店' });
    expect((await transferOf(no['李四']!)).status).toBe('picked_up');
    const done = await press(t, { operator: DRIVER_DESK, chatId: TASKFORCE, messageId: card.messageId, value: submit.value, formValue: { place: '县隔离酒店', receiver: '赵护士' } });
    expect(done.toast).toEqual({ type: 'success', content: `#${no['李四']} 已交接` });
    const c = await caseOf(no['李四']!);
    expect([c.status, c.category, c.startDate, c.endDate]).toEqual(['active', 'close_contact', '2026-11-23', '2026-11-29']);
    expect(c.isolationPointId).not.toBeNull();
    expect(textsTo(HOTEL).at(-1)).toContain(`新转入：#${no['李四']} 李*（东风村）密接`);
    for (const chat of [TASKFORCE, DONGFENG, HQ]) {
      const m = currentCard(transferCardIn(chat, no['李四']!));
      expect(textOf(m)).toContain('已交接：县隔离酒店　接收人 赵护士（18:40）');
      expect(textOf(m)).toContain('用时 8小时40分');
      expect(buttonsOf(m)).toEqual([]);
    }
    expect(await reply(`/转运申请 #${no['李四']} 集中隔离`, CADRE, DONGFENG)).toBe(`#${no['李四']} 已在县隔离酒店集中隔离，无需转运。`);
    const history = await reply(`/记录 #${no['李四']}`, CADRE, DONGFENG);
    expect(history).toContain('转运派车');
    expect(history).toContain('转运交接');
  });

  it('a transfer to hospital ends the case as transferred; closing a case cancels its transfer on every copy', async () => {
    await register('王五', '11010519510202004', '居家隔离 今天');
    at('2026-11-23T19:00:00+08:00');
    await reply(`/转运申请 #${no['王五']} 医院 发热待排查`, CADRE, DONGFENG);
    const card = transferCardIn(TASKFORCE, no['王五']!);
    expect(textOf(currentCard(card))).toContain('原因：发热待排查');
    const ask = await pressOn(card, LEAD, HQ, '已派车');
    await press(t, { operator: LEAD, chatId: HQ, messageId: card.messageId, value: findButton(ask.card, '确认派车').value, formValue: { plate: '120', driver: '急救中心' } });
    await pressOn(card, CADRE, DONGFENG, '已接走');
    const hand = await pressOn(card, CADRE, DONGFENG, '已交接');
    await press(t, { operator: CADRE, chatId: DONGFENG, messageId: card.messageId, value: findButton(hand.card, '确认交接').value, formValue: { place: '县人民医院', receiver: '急诊科' } });
    const c = await caseOf(no['王五']!);
    expect([c.status, c.endReason, c.endNote]).toEqual(['transferred', '定点医院', '县人民医院']);

    await register('赵六', '11010519520303005', '次密接');
    expect((await caseOf(no['赵六']!)).category).toBe('secondary_contact');
    expect(await reply(`/关闭 #${no['赵六']} 误登记`, CADRE, DONGFENG)).toContain('已关闭');
    expect((await transferOf(no['赵六']!)).status).toBe('cancelled');
    const closed = currentCard(transferCardIn(HQ, no['赵六']!));
    expect(textOf(closed)).toContain('转运已取消');
    expect(buttonsOf(closed)).toEqual([]);

    // A release (here forced by a lead) cancels the transfer under way the same way.
    await register('周十', '11010519520404007', '密接');
    expect(await reply(`/解除 #${no['周十']} 强制 流调核实非密接`, LEAD, HQ)).toContain('已解除');
    expect((await transferOf(no['周十']!)).status).toBe('cancelled');
    const released = currentCard(transferCardIn(DONGFENG, no['周十']!));
    expect(textOf(released)).toContain('转运已取消');
    expect(buttonsOf(released)).toEqual([]);
  });

  it("the fever alert's 转运 opens a transfer to hospital for the 转运 group, once", async () => {
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '张医生' }] });
    await register('孙七', '11010519530404006', '居家隔离 今天');
    at('2026-11-23T20:00:00+08:00');
    await g.say(`/体温 #${no['孙七']} 38.6`, { from: DOCTOR, chatId: DONGFENG });
    const alert = sentTo(DONGFENG).filter((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`#${no['孙七']} `)).at(-1)!;
    expect((await pressOn(alert, CADRE, DONGFENG, '转运')).toast).toEqual({ type: 'success', content: `#${no['孙七']} 已标记待转运` });
    const row = await transferOf(no['孙七']!);
    expect([row.destination, row.reason, row.status, row.alertId]).toEqual(['hospital', '发热', 'requested', expect.any(Number)]);
    const text = textOf(currentCard(transferCardIn(TASKFORCE, no['孙七']!)));
    expect(text).toContain('去向：定点医院');
    expect(text).toContain('原因：发热');
    expect(await reply(`/转运申请 #${no['孙七']} 医院`, CADRE, DONGFENG)).toContain('已有转运申请');
  });

  it('the ledger export has a 转运记录 sheet: each transfer with its vehicle, hand-over and state', async () => {
    const filesBefore = t.fake.files.length;
    await g.say('/导出', { from: LEAD, chatId: HQ });
    const sheet = (await readXlsx(t.fake.files[filesBefore]!.bytes)).get('转运记录')!;
    const [header, ...rows] = sheet as string[][];
    const col = (name: string) => header!.indexOf(name);
    const of = (caseNo: number) => rows.find((r) => Number(r[col('编号')]) === caseNo)!;
    const li = of(no['李四']!);
    expect([li[col('姓名')], li[col('去向')], li[col('类别')], li[col('状态')], li[col('车牌')], li[col('司机')], li[col('接收地点')], li[col('接收人')], li[col('交接时间')]]).toEqual([
      '李四', '集中隔离', '密接', '已交接', '苏A12345', '王师傅', '县隔离酒店', '赵护士', '2026-11-23 18:40',
    ]);
    expect(of(no['赵六']!)[col('状态')]).toBe('已取消');
    expect(of(no['王五']!)[col('接收地点')]).toBe('县人民医院');
    expect(of(no['周十']!)[col('状态')]).toBe('已取消');
    expect(rows).toHaveLength(6);
  });

  it('a transfer carried over without a card (migration 0011) gets its card on the next /转运申请, keeping its clock', async () => {
    await register('钱八', '11010519540505007', '居家隔离 今天');
    await t.db.db.insert(transfers).values({ caseId: no['钱八']!, destination: 'hospital', reason: '发热', requestedBy: CADRE, requestedAt: new Date('2026-11-23T12:00:00+08:00') });
    expect(await reply(`/转运申请 #${no['钱八']} 医院`, CADRE, DONGFENG)).toContain('已申请转运');
    const text = textOf(currentCard(transferCardIn(TASKFORCE, no['钱八']!)));
    expect(text).toContain('原因：发热');
    expect(text).toContain('申请：11月23日 12:00');
    expect(await t.db.db.select().from(transfers).where(eq(transfers.caseId, no['钱八']!))).toHaveLength(1);
    expect(await reply(`/转运申请 #${no['钱八']} 医院`, CADRE, DONGFENG)).toContain('已有转运申请');
  });

  it('the next morning HQ\'s summary counts transfers under way, late, and handed over yesterday', async () => {
    at('2026-11-24T08:00:00+08:00');
    const summary = textOf(JSON.parse((await g.say('/汇总', { from: LEAD, chatId: HQ })).replies[0]!));
    // Open: 张三 (密接), 孙七 (fever), 钱八 (carried over) — all past 8 h; handed over on 11-23: 李四 and 王五.
    expect(summary).toContain('转运：进行中 3，超过8小时未交接 3，昨日交接 2');
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});
