import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseDue } from '../../jobs/release-due';
import { auditLog, cases, duties, releaseRequests } from '../../src/db/schema';
import { fireOn } from '../../src/domain/schedule';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_rel_admin';
const DONGFENG = 'oc_rel_dongfeng';
const HQ = 'oc_rel_hq';
const HQ2 = 'oc_rel_hq2';
const DOCTOR = 'ou_rel_doctor';
const CADRE = 'ou_rel_cadre';
const LEAD = 'ou_rel_lead';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

/** Each category's release rule through the commands (docs/release.md), 其他来返 as a ledger entry, release requests and bad input. */
describe('release per category, ledger entries and release requests', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const reply = async (text: string, from: string, chatId: string) => (await g.say(text, { from, chatId })).replies.join('\n');
  const caseRow = async (name: string) => (await t.db.db.select().from(cases).where(eq(cases.id, no[name]!)))[0]!;
  const cantRelease = (name: string, ...why: string[]) => `#${no[name]} 暂不能解除：\n${why.map((w) => `· ${w}`).join('\n')}\n确需解除请发：/解除 #${no[name]} 强制 原因`;
  /** Every test day before `day` of the case negative, as a doctor would have recorded them. */
  async function negativeBefore(name: string, day: number) {
    const tests = await t.db.db.select().from(duties).where(and(eq(duties.caseId, no[name]!), eq(duties.kind, 'test')));
    for (const d of tests.filter((x) => x.day < day)) await t.db.db.update(duties).set({ status: 'done', result: 'negative', sampledAt: d.windowStart }).where(eq(duties.id, d.id));
  }
  async function testNegative(name: string) {
    expect(await reply(`/采样 #${no[name]}`, DOCTOR, DONGFENG)).toContain('已记录采样');
    expect(await reply(`/结果 #${no[name]} 阴性`, DOCTOR, DONGFENG)).toContain('阴性');
  }
  const requestCards = (chatId: string): FakeMessage[] =>
    t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo && m.msgType === 'interactive' && textOf(currentCard(m)).includes('申请解除'));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-01T09:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ2 });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(LEAD, '王组长')] });
    const people = [
      ['周明', '11010519491231002', '居家隔离观察'], // 11-01..11-14, released from 11-15
      ['吴刚', '11010519500101003', '集中隔离'], // 11-01..11-07, tests 1,2,3,5,7
      ['郑华', '11010519510202004', '入境'], // 11-01..11-10, tests 1,2,3,5,7 and 10
      ['冯伟', '11010519520303005', '入境'],
      ['陈来', '11010519530404006', '其他来返'], // one test today
      ['褚强', '11010519540505007', '其他来返'],
      ['卫东', '11010519550606008', '居家隔离'], // 11-01..11-07
      ['蒋平', '11010519560707009', '居家隔离观察'],
    ] as const;
    for (const [name, id17, category] of people) {
      expect(await reply(`/登记 ${name} ${validId(id17)} 13812345678 ${category} 今天`, CADRE, DONGFENG)).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) no[t.cipher.decrypt(c.nameEnc)] = c.id;
  });
  afterAll(() => t.close());

  describe('其他来返: a ledger entry closed by its negative test', () => {
    it('a negative result closes it by itself: 已完成检测, audited, a masked line to the village, no release notice', async () => {
      at('2026-11-01T10:00:00+08:00');
      await testNegative('陈来');
      const row = await caseRow('陈来');
      expect([row.status, row.endReason]).toEqual(['closed', '已完成检测']);
      const [audit] = await t.db.db.select().from(auditLog).where(and(eq(auditLog.caseId, no['陈来']!), eq(auditLog.action, 'case.close')));
      expect(audit).toMatchObject({ actorOpenId: DOCTOR, before: { status: 'active' }, after: { status: 'closed', closeReason: '已完成检测' } });
      const texts = t.fake.textsTo(DONGFENG);
      expect(texts).toContain(`#${no['陈来']} 陈* 其他来返 核酸阴性，已完成检测，台账记录关闭。`);
      expect(texts.join('\n')).not.toContain('解除隔离告知书');
      expect(await reply(`/解除 #${no['陈来']}`, LEAD, HQ)).toBe(`#${no['陈来']} 已关闭，不能解除。`);
    });

    it('another result leaves it open; it is never released nor listed for release', async () => {
      expect(await reply(`/采样 #${no['褚强']}`, DOCTOR, DONGFENG)).toContain('已记录采样');
      at('2026-11-01T13:00:00+08:00');
      expect(await reply(`/结果 #${no['褚强']} 无效`, DOCTOR, DONGFENG)).toContain('无效');
      expect((await caseRow('褚强')).status).toBe('active');
      expect(await reply(`/解除 #${no['褚强']}`, LEAD, HQ)).toBe(`#${no['褚强']} 是其他来返台账记录，不需解除：核酸阴性后自动完成。`);
      expect(await reply(`/解除 #${no['褚强']} 强制 县里通知`, LEAD, HQ)).toBe(`#${no['褚强']} 是其他来返台账记录，不需解除：核酸阴性后自动完成。`);
      at('2026-11-02T09:00:00+08:00');
      const outcome = await t.hw.jobRunner.runFire(releaseDue, fireOn('2026-11-02', '09:00', 'Asia/Shanghai'), 'schedule');
      expect(outcome.result).toEqual({ due: 0, ready: 0, cards: 0 });
      // Its resample (due the next day: the window had closed), negative, closes it.
      await testNegative('褚强');
      expect((await caseRow('褚强')).endReason).toBe('已完成检测');
    });
  });

  describe('all_negative (集中隔离, "三阴性"): every test day negative, on the last day', () => {
    it('holds a sample still waiting for its result, and releases once it is negative', async () => {
      at('2026-11-07T10:00:00+08:00');
      await negativeBefore('吴刚', 5);
      expect(await reply(`/解除 #${no['吴刚']}`, LEAD, HQ)).toBe(cantRelease('吴刚', '核酸第5、7天无阴性结果'));
      await negativeBefore('吴刚', 7);
      expect(await reply(`/采样 #${no['吴刚']}`, DOCTOR, DONGFENG)).toContain('已记录采样');
      expect(await reply(`/解除 #${no['吴刚']}`, LEAD, HQ)).toBe(cantRelease('吴刚', '核酸第7天未出结果'));
      expect(await reply(`/结果 #${no['吴刚']} 阴性`, DOCTOR, DONGFENG)).toContain('阴性');
      expect(await reply(`/解除 #${no['吴刚']}`, LEAD, HQ)).toContain(`#${no['吴刚']} 吴* 已解除管控（11月7日）`);
    });
  });

  describe('release requests: 解除 and 不同意 on every copy', () => {
    it('a cadre proposes once; the card reaches every HQ group with 解除 and 不同意', async () => {
      await negativeBefore('卫东', 8);
      expect(await reply(`/解除 #${no['卫东']}`, CADRE, DONGFENG)).toBe(`已提交 #${no['卫东']} 的解除申请，指挥部组长确认后解除。`);
      expect(await reply(`/解除 #${no['卫东']}`, CADRE, DONGFENG)).toBe(`#${no['卫东']} 的解除申请已提交过，等待指挥部确认。`);
      for (const chat of [HQ, HQ2]) {
        const cards = requestCards(chat);
        expect(cards).toHaveLength(1);
        expect(buttonsOf(currentCard(cards[0]!)).map((b) => b.text)).toEqual(['解除', '不同意']);
      }
      expect(await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['卫东']!))).toHaveLength(1);
    });

    it('不同意 asks the reason on that copy; only a lead may, and a reason is required', async () => {
      const [card] = requestCards(HQ);
      const reject = findButton(currentCard(card!), '不同意').value;
      // Anyone in an HQ group decides for HQ; a village cadre elsewhere does not.
      expect((await press(t, { operator: CADRE, chatId: DONGFENG, messageId: card!.messageId, value: reject })).toast).toEqual({ type: 'error', content: '仅组长可办理解除' });
      const asked = await press(t, { operator: LEAD, chatId: HQ, messageId: card!.messageId, value: reject });
      expect(asked.toast).toEqual({ type: 'info', content: '请写不同意的原因后提交' });
      const form = currentCard(card!);
      expect(JSON.stringify(form)).toContain('"tag":"input"');
      expect(buttonsOf(form).map((b) => b.text)).toEqual(['解除', '提交不同意']);
      const submit = findButton(form, '提交不同意').value;
      const empty = await press(t, { operator: LEAD, chatId: HQ, messageId: card!.messageId, value: submit, formValue: { reason: '  ' } });
      expect(empty.toast).toEqual({ type: 'error', content: '要写不同意的原因（例如：第7天核酸未出结果）' });
      expect((await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['卫东']!)))[0]!.status).toBe('pending');
    });

    it('the reason rejects it: every copy loses its buttons and says so and who, the proposer hears why where they asked', async () => {
      const [card] = requestCards(HQ);
      const submit = findButton(currentCard(card!), '提交不同意').value;
      const reason = '第7天结果未核实，请联系13812345678 <at user_id="all"></at>';
      const done = await press(t, { operator: LEAD, chatId: HQ, messageId: card!.messageId, value: submit, formValue: { reason } });
      expect(done.toast).toEqual({ type: 'success', content: `已退回 #${no['卫东']} 的解除申请，申请人会收到原因` });
      for (const chat of [HQ, HQ2]) {
        const decided = currentCard(requestCards(chat)[0]!);
        expect(buttonsOf(decided)).toEqual([]);
        expect(textOf(decided)).toContain(`解除申请 · #${no['卫东']} · 不同意`);
        expect(textOf(decided)).toContain('11月7日 不同意：第7天结果未核实，请联系138****5678');
        expect(textOf(decided)).toContain(`办理：<at id=${LEAD}></at>`);
      }
      const answer = t.fake.textsTo(DONGFENG).at(-1)!;
      expect(answer).toBe(
        `<at user_id="${CADRE}"></at> #${no['卫东']} 卫* 的解除申请未获指挥部同意：第7天结果未核实，请联系138＊＊＊＊5678 ＜at user＿id="all"＞＜/at＞。处理后可再发 /解除 #${no['卫东']} 申请。`,
      );
      const [request] = await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['卫东']!));
      expect(request).toMatchObject({ status: 'rejected', decidedBy: LEAD, reason: '第7天结果未核实，请联系138****5678 <at user_id="all"></at>' });
      const [audit] = await t.db.db.select().from(auditLog).where(and(eq(auditLog.caseId, no['卫东']!), eq(auditLog.action, 'case.release_rejected')));
      expect(audit).toMatchObject({ actorOpenId: LEAD, reason: request!.reason });
      expect((await caseRow('卫东')).status).toBe('active');
      // A stale press on the form changes nothing.
      const again = await press(t, { operator: LEAD, chatId: HQ, messageId: card!.messageId, value: submit, formValue: { reason: '重复' } });
      expect(again.toast).toEqual({ type: 'warning', content: `#${no['卫东']} 的解除申请已退回，这张卡片已过期` });
    });

    it('a new request after the rejection; a lead\'s /解除 approves it and patches its copies', async () => {
      expect(await reply(`/解除 #${no['卫东']}`, CADRE, DONGFENG)).toBe(`已提交 #${no['卫东']} 的解除申请，指挥部组长确认后解除。`);
      expect(requestCards(HQ2)).toHaveLength(2);
      expect(await reply(`/解除 #${no['卫东']}`, LEAD, HQ)).toContain('已解除管控（11月7日）');
      for (const chat of [HQ, HQ2]) {
        const latest = currentCard(requestCards(chat).at(-1)!);
        expect(buttonsOf(latest)).toEqual([]);
        expect(textOf(latest)).toContain(`解除申请 · #${no['卫东']} · 已解除`);
        expect(textOf(latest)).toContain('11月7日 已解除。');
      }
      const requests = await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['卫东']!)).orderBy(releaseRequests.id);
      expect(requests.map((r) => [r.status, r.decidedBy])).toEqual([
        ['rejected', LEAD],
        ['approved', LEAD],
      ]);
      expect(await reply(`/解除 #${no['卫东']}`, CADRE, DONGFENG)).toBe(`#${no['卫东']} 已解除，不能解除。`);
    });

    it('bad input: a word it does not read is answered with the valid choices, changing nothing', async () => {
      expect(await reply(`/解除 #${no['周明']} 马上`, CADRE, DONGFENG)).toBe(
        '看不懂「马上」：/解除 #编号 后面只能写“强制 原因”。\n用法：/解除 #12　组长确需提前或带异常解除：/解除 #12 强制 原因',
      );
      expect(await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['周明']!))).toEqual([]);
    });
  });

  describe('final_negative (入境): the last test day of the period negative', () => {
    it('days of the isolation point missing do not hold it; the home phase\'s day-3 test does', async () => {
      at('2026-11-10T09:00:00+08:00');
      expect(await reply(`/解除 #${no['郑华']}`, LEAD, HQ)).toBe(cantRelease('郑华', '核酸第10天无阴性结果'));
      await testNegative('郑华');
      expect(await reply(`/解除 #${no['郑华']}`, LEAD, HQ)).toContain(`#${no['郑华']} 郑* 已解除管控（11月10日）`);
    });

    it('/延长 adds a final test: the period ends with it, and it is the one that must be negative', async () => {
      await testNegative('冯伟');
      expect(await reply(`/延长 #${no['冯伟']} 2 第10天后仍有症状`, CADRE, DONGFENG)).toBe(`#${no['冯伟']} 冯* 管控期延长 2 天，至11月12日。加测核酸：11月12日(第12天)。`);
      at('2026-11-12T09:00:00+08:00');
      expect(await reply(`/解除 #${no['冯伟']}`, LEAD, HQ)).toBe(cantRelease('冯伟', '核酸第12天无阴性结果'));
      await testNegative('冯伟');
      expect(await reply(`/解除 #${no['冯伟']}`, LEAD, HQ)).toContain('已解除管控（11月12日）');
    });
  });

  describe('day_after_period_end + nothing (居家隔离观察, "在14天观察期结束后，无异常症状的")', () => {
    it('not on the 14th day; from the day after, without asking for its tests', async () => {
      at('2026-11-14T10:00:00+08:00');
      expect(await reply(`/解除 #${no['周明']}`, LEAD, HQ)).toBe(cantRelease('周明', '管控期至11月14日，11月15日起可解除'));
      const outcome14 = await t.hw.jobRunner.runFire(releaseDue, fireOn('2026-11-14', '09:00', 'Asia/Shanghai'), 'schedule');
      expect(outcome14.result).toMatchObject({ due: 0 });
      at('2026-11-15T09:00:00+08:00');
      const outcome15 = await t.hw.jobRunner.runFire(releaseDue, fireOn('2026-11-15', '09:00', 'Asia/Shanghai'), 'schedule');
      expect(outcome15.result).toMatchObject({ due: 2, ready: 2 });
      // Its test days 1, 7 and 14 were never sampled: the plan does not make them a condition.
      expect(await reply(`/解除 #${no['周明']}`, LEAD, HQ)).toContain(`#${no['周明']} 周* 已解除管控（11月15日）`);
    });

    it('a request whose case leaves management otherwise is cancelled, and its card says so', async () => {
      expect(await reply(`/解除 #${no['蒋平']}`, CADRE, DONGFENG)).toBe(`已提交 #${no['蒋平']} 的解除申请，指挥部组长确认后解除。`);
      expect(await reply(`/关闭 #${no['蒋平']} 迁出 已搬到县城`, CADRE, DONGFENG)).toContain('已关闭');
      const card = currentCard(requestCards(HQ).at(-1)!);
      expect(buttonsOf(card)).toEqual([]);
      expect(textOf(card)).toContain(`解除申请 · #${no['蒋平']} · 已取消`);
      expect(textOf(card)).toContain('11月15日 已关闭，申请不再办理。');
      expect((await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['蒋平']!)))[0]).toMatchObject({ status: 'cancelled', decidedBy: CADRE });
    });
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});
