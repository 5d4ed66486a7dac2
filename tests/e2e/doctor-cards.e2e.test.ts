import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TESTS_PAGE_ROWS } from '../../src/cards/page-sizes';
import { auditLog, caseAlerts, cases, duties } from '../../src/db/schema';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_cards_admin';
const DONGFENG = 'oc_cards_dongfeng';
const HONGQI = 'oc_cards_hongqi';
const HQ = 'oc_cards_hq';
const TRANSFER = 'oc_cards_transfer';
const DOCTOR = 'ou_cards_doctor';
const OTHER_DOCTOR = 'ou_cards_doctor_hongqi';
const CADRE = 'ou_cards_cadre';
const LEAD = 'ou_cards_lead';

const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe("doctors' cards end to end (signed card.action.trigger callbacks)", () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const caseNo: Record<string, number> = {};
  let testsCard: FakeMessage;
  let tempsCard: FakeMessage;

  const testDuty = (caseId: number) =>
    t.db.db
      .select()
      .from(duties)
      .where(and(eq(duties.caseId, caseId), eq(duties.kind, 'test'), eq(duties.dueDate, '2026-11-23')))
      .orderBy(duties.id);
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.chatId === chatId || m.receiveId === chatId);
  const pressOn = (message: FakeMessage, operator: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
    press(t, { operator, chatId: message.chatId!, messageId: message.messageId, value, formValue });
  /** /今日 in 东风村 as the doctor: returns [tests card, temperature card]. */
  async function today(): Promise<[FakeMessage, FakeMessage]> {
    const { messageId } = await g.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    const cards = t.fake.messages.filter((m) => m.replyTo === messageId);
    // A day with door visits adds 今日上门 after these two.
    expect(cards.slice(0, 2).map((m) => m.msgType)).toEqual(['interactive', 'interactive']);
    return [cards[0]!, cards[1]!];
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 专班 转运', { from: ADMIN, chatId: TRANSFER });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    await t.say('/角色 @_user_2 村医 红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(OTHER_DOCTOR, '李医生')] });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(LEAD, '赵组长')] });
    // Day 4 of 居家隔离 (tests on days 1, 4, 7) and day 1 of 集中隔离: all three are due today.
    const people = [
      ['张三', '11010519491231002', '13812345678', '居家隔离 11月20日'],
      ['李四', '11010519500101003', '13812345679', '居家隔离 11月20日'],
      ['王五', '11010519510202004', '13812345670', '集中隔离 今天'],
      ['赵六', '11010519520303005', '13812345671', '居家隔离 11月21日'],
    ];
    for (const [name, id17, phone, rest] of people) {
      const { replies } = await g.say(`/登记 ${name} ${validId(id17!)} ${phone} ${rest}`, { from: CADRE, chatId: DONGFENG });
      expect(replies.join()).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) caseNo[t.cipher.decrypt(c.nameEnc)] = c.id;
    [testsCard, tempsCard] = await today();
  });
  afterAll(() => t.close());

  describe('「今日核酸采样」', () => {
    it('lists each case due today, masked, with its day number and a 已采样 button', () => {
      const card = currentCard(testsCard);
      const text = textOf(card);
      expect(text).toContain('今日核酸采样 · 东风村 · 4人');
      expect(text).toContain(`#${caseNo['张三']} 张* 第4天`);
      expect(text).toContain(`#${caseNo['李四']} 李* 第4天`);
      expect(text).toContain(`#${caseNo['王五']} 王* 第1天`);
      // Day 3 has no test, but day 1 came before the registration (未检): its make-up is offered today.
      expect(text).toContain(`#${caseNo['赵六']} 赵* 第1天（补采）`);
      expect(buttonsOf(card).map((b) => b.text)).toEqual(['已采样', '已采样', '已采样', '已采样', '全部已采样']);
    });

    it('refuses a press by anyone but this village\'s doctor, changes nothing and patches nothing', async () => {
      const [duty] = await testDuty(caseNo['张三']!);
      const sample = findButton(currentCard(testsCard), '已采样', { dutyId: duty!.id });
      for (const operator of [CADRE, OTHER_DOCTOR, 'ou_stranger']) {
        const r = await pressOn(testsCard, operator, sample.value);
        expect(r.status).toBe(200);
        expect(r.toast).toEqual({ type: 'error', content: '仅采样员（卫生院）或本村村医可确认采样' });
        expect(r.card).toBeUndefined();
      }
      expect((await testDuty(caseNo['张三']!))[0]).toMatchObject({ sampledAt: null, status: 'pending' });
      expect(testsCard.patches).toHaveLength(0);
    });

    it('records 已采样 for the doctor, answers with the updated card, patches it for everyone and audits who pressed', async () => {
      const [duty] = await testDuty(caseNo['张三']!);
      const r = await pressOn(testsCard, DOCTOR, findButton(currentCard(testsCard), '已采样', { dutyId: duty!.id }).value);
      expect(r.toast).toEqual({ type: 'success', content: `#${caseNo['张三']} 已记录采样，待结果` });
      expect(textOf(r.card)).toContain('待结果（09:00采样）');
      expect(buttonsOf(r.card).filter((b) => b.value.dutyId === duty!.id).map((b) => b.text)).toEqual(['阴性', '阳性', '无效', '混管阳性']);
      expect(testsCard.patches).toHaveLength(1);
      expect(currentCard(testsCard)).toEqual(r.card);
      const [after] = await testDuty(caseNo['张三']!);
      expect(after).toMatchObject({ sampledBy: DOCTOR, status: 'sampled' });
      // The test clock only moves when the outbox waits for a send slot: still 09:00.
      expect(after!.sampledAt!.getTime() - new Date('2026-11-23T09:00:00+08:00').getTime()).toBeLessThan(60_000);
      const audit = await t.db.db.select().from(auditLog).where(eq(auditLog.caseId, caseNo['张三']!));
      expect(audit.some((a) => a.actorOpenId === DOCTOR && a.action.includes('sample'))).toBe(true);
    });

    it('a second press of the same button changes nothing and says why', async () => {
      const [duty] = await testDuty(caseNo['张三']!);
      const before = duty!.sampledAt;
      t.clock.now = new Date('2026-11-23T09:05:00+08:00');
      const r = await press(t, {
        operator: DOCTOR,
        chatId: DONGFENG,
        messageId: testsCard.messageId,
        value: { action: 'test.sample', card: 'tests', villageId: duty!.villageId, date: '2026-11-23', page: 0, dutyId: duty!.id },
      });
      expect(r.toast).toEqual({ type: 'warning', content: `#${caseNo['张三']} 已在 09:00 记录采样，无需重复` });
      expect((await testDuty(caseNo['张三']!))[0]!.sampledAt).toEqual(before);
    });

    it('全部已采样 confirms every remaining row at once', async () => {
      const r = await pressOn(testsCard, DOCTOR, findButton(currentCard(testsCard), '全部已采样').value);
      expect(r.toast).toEqual({ type: 'success', content: '已记录 3 人采样' });
      for (const name of ['李四', '王五', '赵六']) expect((await testDuty(caseNo[name]!))[0]!.sampledBy).toBe(DOCTOR);
      expect(buttonsOf(r.card).map((b) => b.text)).not.toContain('已采样');
      expect(buttonsOf(r.card).map((b) => b.text)).not.toContain('全部已采样');
    });

    it('阴性 completes the test; a later 阳性 on the old card is refused without change', async () => {
      const [duty] = await testDuty(caseNo['张三']!);
      const card = currentCard(testsCard);
      const negative = findButton(card, '阴性', { dutyId: duty!.id });
      const positive = findButton(card, '阳性', { dutyId: duty!.id });
      const r = await pressOn(testsCard, DOCTOR, negative.value);
      expect(r.toast).toEqual({ type: 'success', content: `#${caseNo['张三']} 结果已记录：阴性` });
      expect(textOf(r.card)).toContain('结果：阴性');
      expect((await testDuty(caseNo['张三']!))[0]).toMatchObject({ status: 'done', result: 'negative', completedBy: DOCTOR });
      const again = await pressOn(testsCard, DOCTOR, positive.value);
      expect(again.toast).toEqual({ type: 'warning', content: `#${caseNo['张三']} 已有结果：阴性，未改动` });
      expect((await testDuty(caseNo['张三']!))[0]).toMatchObject({ status: 'done', result: 'negative' });
      expect(await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, caseNo['张三']!))).toHaveLength(0);
    });

    it('无效 schedules a resample the same day, shown on the card as a new row', async () => {
      const [duty] = await testDuty(caseNo['李四']!);
      const r = await pressOn(testsCard, DOCTOR, findButton(currentCard(testsCard), '无效', { dutyId: duty!.id }).value);
      expect(r.toast?.content).toContain('无效');
      const rows = await testDuty(caseNo['李四']!);
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ result: 'invalid' });
      expect(rows[1]).toMatchObject({ status: 'pending', resampleOf: duty!.id, dueDate: '2026-11-23', sampledAt: null });
      expect(textOf(r.card)).toContain(`#${caseNo['李四']} 李* 第4天（复采）`);
      expect(findButton(r.card, '已采样', { dutyId: rows[1]!.id })).toBeDefined();
    });

    it('阳性 raises an alert to the village, HQ and the 转运 group, stops routine duties and holds the release', async () => {
      const id = caseNo['王五']!;
      const [duty] = await testDuty(id);
      const before = { village: sentTo(DONGFENG).length, hq: sentTo(HQ).length, transfer: sentTo(TRANSFER).length, hongqi: sentTo(HONGQI).length };
      const r = await pressOn(testsCard, DOCTOR, findButton(currentCard(testsCard), '阳性', { dutyId: duty!.id }).value);
      expect(r.toast).toMatchObject({ type: 'error', content: `#${id} 结果已记录：阳性` });
      const alerts = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, id));
      expect(alerts).toMatchObject([{ kind: 'positive', closedAt: null }]);
      for (const chat of [DONGFENG, HQ, TRANSFER]) {
        const alert = sentTo(chat).at(-1)!;
        expect(alert.msgType).toBe('interactive');
        const text = textOf(currentCard(alert));
        expect(text).toContain(`#${id} 王*（东风村）核酸阳性`);
        expect(text).toContain(`<at id=${DOCTOR}></at>`);
        expect(text).toContain(`<at id=${LEAD}></at>`);
        expect(buttonsOf(currentCard(alert)).map((b) => b.text)).toEqual(['转运']);
      }
      expect(sentTo(DONGFENG).length - before.village).toBe(1);
      expect(sentTo(HQ).length - before.hq).toBe(1);
      expect(sentTo(TRANSFER).length - before.transfer).toBe(1);
      expect(sentTo(HONGQI).length).toBe(before.hongqi);
      const rest = await t.db.db.select().from(duties).where(and(eq(duties.caseId, id), eq(duties.status, 'pending')));
      expect(rest).toHaveLength(0);
      const cancelled = await t.db.db.select().from(duties).where(and(eq(duties.caseId, id), eq(duties.status, 'cancelled')));
      expect(cancelled.length).toBeGreaterThan(0);
    });

    it('转运 on the positive alert marks the case for transfer once, on every copy of the alert', async () => {
      const id = caseNo['王五']!;
      const alert = sentTo(HQ).at(-1)!;
      const transfer = findButton(currentCard(alert), '转运');
      // The village's people and HQ may mark it; someone in the 转运 group without a role may not.
      const refused = await pressOn(sentTo(TRANSFER).at(-1)!, 'ou_stranger', transfer.value);
      expect(refused.toast).toEqual({ type: 'error', content: '仅本村村干部、村医或镇指挥部可处理' });
      const r = await pressOn(alert, LEAD, transfer.value);
      expect(r.toast).toEqual({ type: 'success', content: `#${id} 已标记待转运` });
      const [row] = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, id));
      expect(row!.transferRequestedBy).toBe(LEAD);
      for (const chat of [DONGFENG, HQ, TRANSFER]) {
        const copy = sentTo(chat).find((m) => textOf(currentCard(m)).includes(`#${id} 王*（东风村）核酸阳性`))!;
        expect(textOf(currentCard(copy))).toContain('已标记待转运');
        expect(buttonsOf(currentCard(copy))).toEqual([]);
      }
      const twice = await pressOn(alert, LEAD, transfer.value);
      expect(twice.toast).toEqual({ type: 'info', content: `#${id} 已标记待转运` });
    });

    it('a press on a stale card (case released meanwhile) changes nothing and says why', async () => {
      const id = caseNo['李四']!;
      const rows = await testDuty(id);
      const resample = findButton(currentCard(testsCard), '已采样', { dutyId: rows[1]!.id });
      await t.db.db.update(cases).set({ status: 'released' }).where(eq(cases.id, id));
      const r = await pressOn(testsCard, DOCTOR, resample.value);
      expect(r.toast?.type).toBe('warning');
      expect(r.toast?.content).toContain(`#${id}`);
      expect(r.toast?.content).toContain('这张卡片已过期');
      expect((await testDuty(id))[1]).toMatchObject({ sampledAt: null, status: 'pending' });
      await t.db.db.update(cases).set({ status: 'active' }).where(eq(cases.id, id));
    });

    it('a button value that was tampered with or is unknown gets a toast, not an error', async () => {
      const r = await pressOn(testsCard, DOCTOR, { action: 'test.sample', dutyId: 'x' });
      expect(r.status).toBe(200);
      expect(r.toast?.content).toBe('这个按钮已失效，请使用最新的卡片。');
    });
  });

  describe('「今日体温」 form', () => {
    const tempDuty = (caseId: number) =>
      t.db.db
        .select()
        .from(duties)
        .where(and(eq(duties.caseId, caseId), eq(duties.kind, 'temp'), eq(duties.dueDate, '2026-11-23'), eq(duties.slot, 'am')))
        .then((r) => r[0]!);

    it('shows a row per case due this morning (positive case no longer listed)', () => {
      const text = textOf(currentCard(tempsCard));
      expect(text).toContain('今日体温 · 上午 · 东风村');
      expect(text).toContain(`#${caseNo['赵六']} 赵* 第3天`);
      expect(findButton(currentCard(tempsCard), '提交').value).toMatchObject({ action: 'temp.submit', slot: 'am' });
    });

    it('refuses the whole form when one reading is unreadable, recording nothing', async () => {
      const a = await tempDuty(caseNo['张三']!);
      const b = await tempDuty(caseNo['赵六']!);
      const submit = findButton(currentCard(tempsCard), '提交').value;
      const r = await pressOn(tempsCard, DOCTOR, submit, { [`t_${a.id}`]: '36.5', [`t_${b.id}`]: '3x.5' });
      expect(r.toast?.type).toBe('error');
      expect(r.toast?.content).toContain(`#${caseNo['赵六']}“3x.5”`);
      expect((await tempDuty(caseNo['张三']!)).status).toBe('pending');
    });

    it('refuses a form from someone who is not the village doctor', async () => {
      const a = await tempDuty(caseNo['张三']!);
      const r = await pressOn(tempsCard, CADRE, findButton(currentCard(tempsCard), '提交').value, { [`t_${a.id}`]: '36.5' });
      expect(r.toast).toEqual({ type: 'error', content: '仅本村村医可记录体温' });
      expect((await tempDuty(caseNo['张三']!)).status).toBe('pending');
    });

    it('records filled rows, skips empty ones, and alerts the village and HQ (not the 转运 group) about a fever', async () => {
      const a = await tempDuty(caseNo['张三']!);
      const b = await tempDuty(caseNo['赵六']!);
      const before = { hq: sentTo(HQ).length, transfer: sentTo(TRANSFER).length };
      const r = await pressOn(tempsCard, DOCTOR, findButton(currentCard(tempsCard), '提交').value, {
        [`t_${a.id}`]: '36.5',
        [`t_${b.id}`]: '38.2',
        [`s_${b.id}`]: ['干咳'],
      });
      expect(r.toast).toEqual({ type: 'warning', content: '已记录 2 人体温，1 人异常，已通知' });
      expect(await tempDuty(caseNo['张三']!)).toMatchObject({ status: 'done', temperature: 36.5, completedBy: DOCTOR });
      expect(await tempDuty(caseNo['赵六']!)).toMatchObject({ status: 'abnormal', temperature: 38.2, symptoms: ['干咳'] });
      expect(textOf(r.card)).toContain('36.5℃');
      expect(textOf(r.card)).toContain('38.2℃ 干咳 ⚠');
      expect(sentTo(HQ).length - before.hq).toBe(1);
      expect(sentTo(TRANSFER).length).toBe(before.transfer);
      const alert = textOf(currentCard(sentTo(HQ).at(-1)!));
      expect(alert).toContain(`#${caseNo['赵六']} 赵*（东风村）38.2℃ 干咳 — 请立即报告并送发热门诊，必要时拨打120`);
      expect(buttonsOf(currentCard(sentTo(HQ).at(-1)!)).map((b) => b.text)).toEqual(['已复测', '已送发热门诊', '转运']);
    });

    it('repeats an alert without a recheck to HQ once, two hours later', async () => {
      const id = caseNo['赵六']!;
      const hqBefore = sentTo(HQ).length;
      t.clock.now = new Date('2026-11-23T11:04:00+08:00');
      await t.settle();
      expect(sentTo(HQ).length).toBe(hqBefore);
      t.clock.now = new Date('2026-11-23T11:06:00+08:00');
      await t.settle();
      expect(sentTo(HQ).length).toBe(hqBefore + 1);
      const repeat = sentTo(HQ).at(-1)!;
      expect(JSON.stringify(repeat.parsedContent)).toContain(`#${id} 赵*（东风村）异常已超过 2 小时未复测`);
      t.clock.now = new Date('2026-11-23T14:00:00+08:00');
      await t.settle();
      expect(sentTo(HQ).length).toBe(hqBefore + 1);
      expect(sentTo(DONGFENG).filter((m) => JSON.stringify(m.parsedContent).includes('未复测'))).toHaveLength(0);
    });

    it('已复测 asks for the new reading; a normal one closes the alert on every copy', async () => {
      const id = caseNo['赵六']!;
      const alertMsg = sentTo(DONGFENG).filter((m) => textOf(currentCard(m)).includes(`#${id} 赵*（东风村）38.2℃`)).at(-1)!;
      const ask = await pressOn(alertMsg, DOCTOR, findButton(currentCard(alertMsg), '已复测').value);
      expect(ask.toast).toEqual({ type: 'info', content: '请在卡片中填写复测体温后提交' });
      const submit = findButton(ask.card, '提交');
      const bad = await pressOn(alertMsg, DOCTOR, submit.value, { celsius: '高' });
      expect(bad.toast).toEqual({ type: 'error', content: '体温请写 34–43 之间的数字，如 36.5' });
      const ok = await pressOn(alertMsg, DOCTOR, submit.value, { celsius: '36.8' });
      expect(ok.toast).toEqual({ type: 'success', content: '复测 36.8℃，已恢复正常' });
      const [row] = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, id));
      expect(row).toMatchObject({ recheckCelsius: 36.8, recheckBy: DOCTOR });
      expect(row!.closedAt).not.toBeNull();
      for (const chat of [DONGFENG, HQ]) {
        const copy = sentTo(chat).find((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`#${id} 赵*（东风村）38.2℃`))!;
        expect(textOf(currentCard(copy))).toContain('复测 36.8℃');
        expect(buttonsOf(currentCard(copy))).toEqual([]);
      }
      const again = await pressOn(alertMsg, DOCTOR, submit.value, { celsius: '39' });
      expect(again.toast).toEqual({ type: 'info', content: '该异常已处理' });
    });
  });

  describe('typed commands for the same work', () => {
    it('/采样, /结果 and /体温 record for the doctor', async () => {
      const id = caseNo['李四']!;
      expect((await g.say(`/采样 #${id}`, { from: DOCTOR, chatId: DONGFENG })).replies.join()).toContain('已记录采样');
      expect((await g.say(`/结果 #${id} 阴性`, { from: DOCTOR, chatId: DONGFENG })).replies.join()).toContain('结果已记录：阴性');
      const rows = await testDuty(id);
      expect(rows[1]).toMatchObject({ status: 'done', result: 'negative', sampledBy: DOCTOR });
      t.clock.now = new Date('2026-11-23T15:00:00+08:00');
      const temp = await g.say(`/体温 #${id} 36.6`, { from: DOCTOR, chatId: DONGFENG });
      expect(temp.replies.join()).toContain('36.6');
      const [pm] = await t.db.db
        .select()
        .from(duties)
        .where(and(eq(duties.caseId, id), eq(duties.kind, 'temp'), eq(duties.dueDate, '2026-11-23'), eq(duties.slot, 'pm')));
      expect(pm).toMatchObject({ status: 'done', temperature: 36.6 });
    });

    it('explains bad input and changes nothing', async () => {
      const id = caseNo['张三']!;
      const cases_ = [
        [`/体温 #${id} 高烧`, '用法：/体温 #12 36.8'],
        [`/体温 #${id} 3８.x`, '体温请写 34–43 之间的数字'],
        [`/结果 #${id} 阴阳`, '用法：/结果 #12 阴性'],
        ['/采样', '用法：/采样 #12'],
      ] as const;
      for (const [text, expected] of cases_) {
        const { replies } = await g.say(text, { from: DOCTOR, chatId: DONGFENG });
        expect(replies).toHaveLength(1);
        expect(replies[0]).toContain(expected);
      }
      const pm = await t.db.db
        .select()
        .from(duties)
        .where(and(eq(duties.caseId, id), eq(duties.kind, 'temp'), eq(duties.dueDate, '2026-11-23'), eq(duties.slot, 'pm')));
      expect(pm[0]).toMatchObject({ status: 'pending', temperature: null });
    });

    it('refuses a cadre', async () => {
      const id = caseNo['张三']!;
      const { replies } = await g.say(`/体温 #${id} 36.6`, { from: CADRE, chatId: DONGFENG });
      expect(replies.join()).toContain('仅本村村医可记录体温');
    });

    it('never posts a full ID number or phone number in any group', () => {
      g.expectNoLeaks();
    });
  });
});

describe('day numbers in the township zone', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('counts day 1 from the start date at 00:30 Beijing time (still the previous day in UTC), across a month end', async () => {
    t = await startTestApp({ now: '2026-12-01T00:30:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    // 居家隔离 from 11月28日: day 4 (a test day) is 12月1日 here, though UTC still says 11-30.
    await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 11月28日`, { from: CADRE, chatId: DONGFENG });
    const { messageId } = await t.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    const [tests] = t.fake.messages.filter((m) => m.replyTo === messageId);
    expect(textOf(currentCard(tests!))).toContain('今日核酸采样 · 东风村 · 1人');
    expect(textOf(currentCard(tests!))).toContain('张* 第4天');
    const rows = await t.db.db.select().from(duties).where(eq(duties.kind, 'test')).orderBy(duties.dueDate);
    // Registered late: day 1 (already past) is recorded as not done (未检); today is a test day, so no make-up is added.
    expect(rows.map((r) => [r.day, r.dueDate, r.status])).toEqual([
      [1, '2026-11-28', 'not_done'],
      [4, '2026-12-01', 'pending'],
      [7, '2026-12-04', 'pending'],
    ]);
  });
});

describe('a card with more rows than fit: pages', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('shows as many rows a page as Lark accepts, moves between pages, and 全部已采样 confirms only the page shown', async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    await t.say(`/登记 王五 ${validId('11010519510202004')} 13812345670 集中隔离 今天`, { from: CADRE, chatId: DONGFENG });
    const [first] = await t.db.db.select().from(duties).where(and(eq(duties.kind, 'test'), eq(duties.dueDate, '2026-11-23')));
    // More test rows today (as resamples would be): a full page and 5 on the next.
    const total = TESTS_PAGE_ROWS + 5;
    await t.db.db.insert(duties).values(Array.from({ length: total - 1 }, () => ({ ...first!, id: undefined, resampleOf: first!.id, slot: 'resample' })));
    const { messageId } = await t.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    const card = t.fake.messages.find((m) => m.replyTo === messageId)!;
    const page1 = currentCard(card);
    expect(textOf(page1)).toContain(`今日核酸采样 · 东风村 · ${total}人`);
    expect(textOf(page1)).toContain('第 1/2 页');
    expect(buttonsOf(page1).filter((b) => b.text === '已采样')).toHaveLength(TESTS_PAGE_ROWS);
    // The page at its largest: every row sampled, with 阴性/阳性/无效 — sent, patched and answered as Lark accepts it.
    const all = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: card.messageId, value: findButton(page1, '全部已采样').value });
    expect(all.toast).toEqual({ type: 'success', content: `已记录 ${TESTS_PAGE_ROWS} 人采样` });
    expect(buttonsOf(all.card).filter((b) => b.text === '阴性')).toHaveLength(TESTS_PAGE_ROWS);
    expect(currentCard(card)).toEqual(all.card);
    const sampled = await t.db.db.select().from(duties).where(and(eq(duties.kind, 'test'), eq(duties.dueDate, '2026-11-23')));
    expect(sampled.filter((d) => d.sampledAt !== null)).toHaveLength(TESTS_PAGE_ROWS);
    const next = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: card.messageId, value: findButton(all.card, '下一页').value });
    expect(textOf(next.card)).toContain('第 2/2 页');
    expect(buttonsOf(next.card).filter((b) => b.text === '已采样')).toHaveLength(5);
    expect(buttonsOf(next.card).map((b) => b.text)).toContain('上一页');
  });
});
