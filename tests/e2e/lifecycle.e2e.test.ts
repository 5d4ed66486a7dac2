import { nameLookupHash } from '../../src/db/sealed-person';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseAlerts, cases, duties, releaseRequests } from '../../src/db/schema';
import { buttonsOf, currentCard, press, textOf } from '../helpers/cards';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_life_admin';
const DONGFENG = 'oc_life_dongfeng';
const HONGQI = 'oc_life_hongqi';
const HQ = 'oc_life_hq';
const DOCTOR = 'ou_life_doctor';
const CADRE = 'ou_life_cadre';
const LEAD = 'ou_life_lead';
const STRANGER = 'ou_life_stranger';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe('case lifecycle: /名单 /解除 /转运 /关闭 /改类别 /延长 /修改 /返回 /记录', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const reply = async (text: string, from: string, chatId: string) => (await g.say(text, { from, chatId })).replies.join('\n');
  const caseRow = async (name: string) => (await t.db.db.select().from(cases).where(eq(cases.id, no[name]!)))[0]!;
  const dutiesOf = async (name: string) => t.db.db.select().from(duties).where(eq(duties.caseId, no[name]!)).orderBy(duties.dueDate, duties.id);
  const pendingTests = async (name: string, from: string) =>
    (await dutiesOf(name)).filter((d) => d.kind === 'test' && d.status === 'pending' && d.dueDate >= from).map((d) => `${d.dueDate}#${d.day}`);
  const audits = async (name: string, action: string) =>
    t.db.db.select().from(auditLog).where(and(eq(auditLog.caseId, no[name]!), eq(auditLog.action, action))).orderBy(auditLog.id);
  /** Samples and records a negative result for every test of the case due on or before today. */
  async function testNegative(name: string) {
    await reply(`/采样 #${no[name]}`, DOCTOR, DONGFENG);
    const r = await reply(`/结果 #${no[name]} 阴性`, DOCTOR, DONGFENG);
    expect(r).toContain('阴性');
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-16T09:00:00+08:00' });
    // The cadre is never @-mentioned: the contact API names them.
    t.fake.setUser(CADRE, '李村干部');
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(LEAD, '王组长')] });
    const people = [
      ['张三', '11010519491231002', '13812345678', '居家隔离 今天', DONGFENG], // 11-16..11-22, tests 16, 19, 22
      ['李四', '11010519500101003', '13812345679', '居家隔离 今天', DONGFENG],
      ['王五', '11010519510202004', '13812345670', '居家隔离 今天', DONGFENG],
      ['赵六', '11010519520303005', '13812345671', '三天三检 今天', DONGFENG], // 11-16..11-18
      ['孙七', '11010519530404006', '13812345672', '居家隔离 今天', HONGQI],
    ] as const;
    for (const [name, id17, phone, rest, chat] of people) {
      expect(await reply(`/登记 ${name} ${validId(id17)} ${phone} ${rest}`, CADRE, chat)).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) no[t.cipher.decrypt(c.nameEnc)] = c.id;
    await testNegative('张三');
  });
  afterAll(() => t.close());

  describe('/名单', () => {
    it('in a village group lists its own village, masked, soonest end first, with the day of the period', async () => {
      at('2026-11-17T09:00:00+08:00');
      const r = await reply('/名单', CADRE, DONGFENG);
      expect(r.split('\n')).toEqual([
        '东风村 在管 4 人（第1/1页，按期满日期排序）：',
        `#${no['赵六']} 赵* 三天三检 第2/3天 东风村`,
        `#${no['张三']} 张* 居家隔离 第2/7天 东风村`,
        `#${no['李四']} 李* 居家隔离 第2/7天 东风村`,
        `#${no['王五']} 王* 居家隔离 第2/7天 东风村`,
      ]);
    });

    it('in HQ lists the township, filtered by village, category and status in any order', async () => {
      expect((await reply('/名单', LEAD, HQ)).split('\n')[0]).toBe('全镇 在管 5 人（第1/1页，按期满日期排序）：');
      const filtered = await reply('/名单 三天三检 东风村', LEAD, HQ);
      expect(filtered.split('\n')).toEqual(['东风村 三天三检 在管 1 人（第1/1页，按期满日期排序）：', `#${no['赵六']} 赵* 三天三检 第2/3天 东风村`]);
      expect(await reply('/名单 已解除', LEAD, HQ)).toBe('没有符合条件的对象。');
    });

    it('pages 20 lines at a time and says how to see the next page', async () => {
      for (let i = 0; i < 18; i++) {
        const id17 = `11010519600101${String(i).padStart(3, '0')}`;
        expect(await reply(`/登记 测试${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未'[i]} ${validId(id17)} 139000000${String(i).padStart(2, '0')} 三天两检 今天`, CADRE, HONGQI)).toContain('已登记');
      }
      const first = (await reply('/名单', LEAD, HQ)).split('\n');
      expect(first[0]).toBe('全镇 在管 23 人（第1/2页，按期满日期排序）：');
      expect(first).toHaveLength(22);
      expect(first.at(-1)).toBe('下一页：/名单 第2页');
      const second = (await reply('/名单 第2页', LEAD, HQ)).split('\n');
      expect(second[0]).toBe('全镇 在管 23 人（第2/2页，按期满日期排序）：');
      expect(second).toHaveLength(4);
      expect(await reply('/名单 第5页', LEAD, HQ)).toBe('只有 2 页。');
      // The test people leave again so the rest of the file counts only the five.
      for (const c of await t.db.db.select().from(cases).where(eq(cases.category, 'monitor_2t3d'))) {
        expect(await reply(`/关闭 #${c.id} 误登记`, CADRE, HONGQI)).toContain('已关闭');
      }
    });

    it('explains a word it does not understand, and refuses another village to a cadre', async () => {
      expect(await reply('/名单 东方红', CADRE, DONGFENG)).toContain('看不懂「东方红」');
      expect(await reply('/名单 红旗村', CADRE, DONGFENG)).toBe('你不负责红旗村，无权查看它的名单。');
    });
  });

  describe('/解除', () => {
    it('refuses before the period ends and lists exactly what is missing', async () => {
      at('2026-11-19T09:00:00+08:00');
      const r = await reply(`/解除 #${no['张三']}`, LEAD, HQ);
      expect(r).toBe(`#${no['张三']} 暂不能解除：\n· 管控期至11月22日，尚未期满\n· 核酸第4、7天无阴性结果\n确需解除请发：/解除 #${no['张三']} 强制 原因`);
      expect((await caseRow('张三')).status).toBe('active');
    });

    it('a cadre proposes once the rules hold; HQ gets the request and a lead releases it with 解除', async () => {
      for (const day of ['2026-11-19', '2026-11-22']) {
        at(`${day}T09:00:00+08:00`);
        await testNegative('张三');
      }
      at('2026-11-22T15:00:00+08:00');
      expect(await reply(`/解除 #${no['张三']}`, CADRE, DONGFENG)).toBe(`已提交 #${no['张三']} 的解除申请，指挥部组长确认后解除。`);
      expect(await reply(`/解除 #${no['张三']}`, CADRE, DONGFENG)).toBe(`#${no['张三']} 的解除申请已提交过，等待指挥部确认。`);
      const requestCard = t.fake.messages.filter((m) => m.receiveId === HQ && !m.replyTo && m.msgType === 'interactive').at(-1)!;
      const card = currentCard(requestCard);
      expect(textOf(card)).toContain(`东风村 申请解除 #${no['张三']} 张*（居家隔离，期满 11月22日）`);
      const [request] = await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['张三']!));
      expect(request).toMatchObject({ status: 'pending', proposedBy: CADRE, chatId: DONGFENG });
      expect(buttonsOf(card).map((b) => b.value)).toEqual([
        { action: 'case.release', caseId: no['张三'] },
        { action: 'release.rejectAsk', requestId: request!.id },
      ]);

      // The same button reaches village groups on the release-due card; there a cadre is refused.
      const byCadre = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: requestCard.messageId, value: { action: 'case.release', caseId: no['张三']! } });
      expect(byCadre.toast).toEqual({ type: 'error', content: '仅组长可办理解除' });
      expect((await caseRow('张三')).status).toBe('active');

      const pressed = await press(t, { operator: LEAD, chatId: HQ, messageId: requestCard.messageId, value: { action: 'case.release', caseId: no['张三']! } });
      expect(pressed.toast).toEqual({ type: 'success', content: `#${no['张三']} 张* 已解除，解除隔离告知书已私信发出` });
      const row = await caseRow('张三');
      expect(row.status).toBe('released');
      expect(row.endReason).toBe('解除');
      // The app's clock (waits for a send slot move it by milliseconds).
      expect(Math.abs(row.endedAt!.getTime() - Date.parse('2026-11-22T15:00:00+08:00'))).toBeLessThan(60_000);
      expect(await audits('张三', 'case.release')).toHaveLength(1);
      // The notice itself goes privately to the registering cadre (tests/e2e/notices.e2e.test.ts reads it).
      expect(t.fake.textsTo(DONGFENG).at(-1)).toBe(`#${no['张三']} 张* 解除隔离告知书已私信发给 <at user_id="${CADRE}"></at>，请打印后送达本人。`);
      expect(t.fake.files.at(-1)!.fileName).toMatch(/^解除隔离告知书_/);
      expect(t.fake.messages.filter((m) => m.msgType === 'file').at(-1)).toMatchObject({ receiveIdType: 'open_id', receiveId: CADRE });
      // Nothing is left to do from today on: the evening temperature check is cancelled.
      expect((await dutiesOf('张三')).filter((d) => d.status === 'pending' && d.dueDate >= '2026-11-22')).toEqual([]);

      // The request is approved and its card, patched, says so without buttons.
      expect((await t.db.db.select().from(releaseRequests).where(eq(releaseRequests.caseId, no['张三']!)))[0]).toMatchObject({ status: 'approved', decidedBy: LEAD });
      const decided = currentCard(t.fake.messages.find((m) => m.messageId === requestCard.messageId)!);
      expect(buttonsOf(decided)).toEqual([]);
      expect(textOf(decided)).toContain('11月22日 已解除。');
      expect(textOf(decided)).toContain(`办理：<at id=${LEAD}></at>`);

      const again = await press(t, { operator: LEAD, chatId: HQ, messageId: requestCard.messageId, value: { action: 'case.release', caseId: no['张三']! } });
      expect(again.toast?.content).toBe(`#${no['张三']} 已解除，这张卡片已过期`);
      expect(await audits('张三', 'case.release')).toHaveLength(1);
    });

    it('only a lead may force a release, and only with a reason, which is audited', async () => {
      const id = no['李四']!;
      expect(await reply(`/解除 #${id} 强制 县里通知`, CADRE, DONGFENG)).toBe('只有组长或管理员可以强制解除。');
      expect(await reply(`/解除 #${id} 强制`, LEAD, HQ)).toBe(`强制解除要写原因，例如：/解除 #${id} 强制 县指挥部通知提前解除`);
      expect(await reply(`/解除 #${id} 立刻`, LEAD, HQ)).toContain('用法：/解除 #12');
      expect((await caseRow('李四')).status).toBe('active');
      expect(await reply(`/解除 #${id} 强制 县指挥部通知提前解除`, LEAD, HQ)).toBe(`#${id} 李* 已解除管控（11月22日）。解除隔离告知书已私信发给 <at user_id="${CADRE}"></at>。`);
      const [audit] = await audits('李四', 'case.release');
      expect(audit!.reason).toBe('县指挥部通知提前解除');
      expect(audit!.after).toMatchObject({ status: 'released', forced: true });
      expect(t.fake.textsTo(DONGFENG).at(-1)).toBe(`#${id} 李* 解除隔离告知书已私信发给 <at user_id="${CADRE}"></at>，请打印后送达本人。`);
      expect(await reply(`/名单 已解除`, CADRE, DONGFENG)).toContain(`#${id} 李* 居家隔离 已解除 11月22日 东风村`);
    });
  });

  describe('/转运 and /返回', () => {
    it('transfers with destination and place, cancels the work and closes the open alert', async () => {
      at('2026-11-22T16:00:00+08:00');
      const id = no['王五']!;
      await reply(`/体温 #${id} 38.6`, DOCTOR, DONGFENG);
      expect(await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, id))).toHaveLength(1);
      expect(await reply(`/转运 #${id} 学校`, CADRE, DONGFENG)).toBe('看不懂「学校」：转运去向写 集中隔离 或 医院。');
      expect(await reply(`/转运 #${id}`, CADRE, DONGFENG)).toContain('要写转到哪里');
      expect(await reply(`/转运 #${id} 医院 县人民医院 发热38.6`, CADRE, HONGQI)).toBe(`没有你可查看的 #${id}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`);
      expect(await reply(`/转运 #${id} 医院 县人民医院 发热38.6`, STRANGER, ADMIN_P2P)).toBe(`没有你可查看的 #${id}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`);
      expect((await caseRow('王五')).status).toBe('active');

      expect(await reply(`/转运 #${id} 医院 县人民医院 发热38.6`, CADRE, DONGFENG)).toBe(
        `#${id} 王* 已转运至定点医院（县人民医院），待办的核酸和体温已取消。回来后发 /返回 #${id} 重新开始管控。`,
      );
      const row = await caseRow('王五');
      expect([row.status, row.endReason, row.endNote]).toEqual(['transferred', '定点医院', '县人民医院']);
      const left = await dutiesOf('王五');
      expect(left.filter((d) => d.status === 'pending' && d.dueDate >= '2026-11-22')).toEqual([]);
      expect(left.filter((d) => d.status === 'cancelled').length).toBeGreaterThan(0);
      const [alert] = await t.db.db.select().from(caseAlerts).where(eq(caseAlerts.caseId, id));
      expect(alert!.closedAt).not.toBeNull();
      const [audit] = await audits('王五', 'case.transfer');
      expect(audit!.reason).toBe('发热38.6');
      expect(await reply(`/转运 #${id} 医院`, CADRE, DONGFENG)).toBe(`#${id} 已转运，不能转运。`);
    });

    it('a returning person starts a new period from today with duties planned again', async () => {
      at('2026-11-24T10:00:00+08:00');
      const id = no['王五']!;
      expect(await reply(`/返回 #${no['赵六']}`, CADRE, DONGFENG)).toBe(`#${no['赵六']} 管控中，只有已转运的对象才能返回。`);
      expect(await reply(`/返回 #${id} 下周`, CADRE, DONGFENG)).toContain('看不懂「下周」');
      expect(await reply(`/返回 #${id} 12月1日`, CADRE, DONGFENG)).toBe('开始日期「12月1日」还没到：不能晚于今天。');
      expect(await reply(`/返回 #${id}`, CADRE, DONGFENG)).toBe(`#${id} 王* 已返回，重新开始居家隔离：11月24日 – 11月30日（第2次管控）。`);
      const row = await caseRow('王五');
      expect([row.status, row.startDate, row.endDate, row.periodNo, row.endedAt]).toEqual(['active', '2026-11-24', '2026-11-30', 2, null]);
      expect(await pendingTests('王五', '2026-11-24')).toEqual(['2026-11-24#1', '2026-11-27#4', '2026-11-30#7']);
    });

    it('refuses a return when the person is already under management again, changing nothing', async () => {
      const id = no['孙七']!;
      expect(await reply(`/转运 #${id} 医院`, CADRE, HONGQI)).toContain('已转运至定点医院');
      // 孙七 came back on his own and was registered anew in the meantime.
      expect(await reply(`/登记 孙七 ${validId('11010519530404006')} 13812345672 居家隔离 今天`, CADRE, HONGQI)).toContain('已登记');
      const fresh = (await t.db.db.select().from(cases).where(eq(cases.nameHash, nameLookupHash(t.cipher, '孙七')))).find((c) => c.id !== id)!;
      expect(await reply(`/返回 #${id}`, CADRE, HONGQI)).toBe(`此人已在管控中（#${fresh.id}），不能恢复 #${id}。`);
      expect((await caseRow('孙七')).status).toBe('transferred');
      expect(await audits('孙七', 'case.return')).toHaveLength(0);
    });
  });

  describe('/改类别 /延长 /修改 /关闭', () => {
    it('a change of category keeps the start date (policy: continue) and replans the tests', async () => {
      const id = no['王五']!;
      at('2026-11-25T09:00:00+08:00');
      expect(await reply(`/改类别 #${id} 居家`, CADRE, DONGFENG)).toBe(`#${id} 已是居家隔离，无需更改。`);
      expect(await reply(`/改类别 #${id} 隔离14`, CADRE, DONGFENG)).toContain('没有「隔离14」这个类别。可选：居家隔离、');
      expect(await reply(`/改类别 #${id} 集中隔离`, CADRE, DONGFENG)).toBe(
        `#${id} 王* 类别改为集中隔离，管控期 11月24日 – 11月30日（第1天不变）。今后核酸：11月25日(第2天)、11月26日(第3天)、11月28日(第5天)、11月30日(第7天)`,
      );
      expect(await pendingTests('王五', '2026-11-24')).toEqual(['2026-11-24#1', '2026-11-25#2', '2026-11-26#3', '2026-11-28#5', '2026-11-30#7']);
      expect((await caseRow('王五')).category).toBe('central_isolation');
    });

    it('an extension adds days and a final test, within the policy maximum and with a reason', async () => {
      const id = no['王五']!;
      expect(await reply(`/延长 #${id} 3`, CADRE, DONGFENG)).toBe(`延长要写原因，例如：/延长 #${id} 3 第7天核酸未出结果`);
      expect(await reply(`/延长 #${id} 三 未出结果`, CADRE, DONGFENG)).toBe('「三」不是天数：写 1–14 的整数，例如 3。');
      expect(await reply(`/延长 #${id} 15 未出结果`, CADRE, DONGFENG)).toBe(`延长总共最多 14 天，#${id} 已延长 0 天。`);
      expect(await reply(`/延长 #${id} 3 第7天核酸未出结果`, CADRE, DONGFENG)).toBe(`#${id} 王* 管控期延长 3 天，至12月3日。加测核酸：12月3日(第10天)。`);
      const row = await caseRow('王五');
      expect([row.endDate, row.extensionDays]).toEqual(['2026-12-03', 3]);
      expect((await pendingTests('王五', '2026-11-24')).at(-1)).toBe('2026-12-03#10');
      expect((await dutiesOf('王五')).filter((d) => d.kind === 'temp' && d.dueDate === '2026-12-02' && d.status === 'pending')).toHaveLength(2);
      expect((await reply(`/查看 #${id}`, CADRE, DONGFENG))).toContain('12月3日');
    });

    it('edits the phone (stored sealed, shown masked) and the address; nothing else', async () => {
      const id = no['王五']!;
      expect(await reply(`/修改 #${id} 手机 1390000`, CADRE, DONGFENG)).toBe('手机号要 11 位、以 1 开头，例如 13812345678。');
      expect(await reply(`/修改 #${id} 身份证 110105`, CADRE, DONGFENG)).toContain('「身份证」不能修改');
      expect(await reply(`/修改 #${id} 手机 139-0000-1234`, CADRE, DONGFENG)).toBe(`#${id} 手机已改为 139****1234。`);
      expect(t.cipher.decrypt((await caseRow('王五')).phoneEnc)).toBe('13900001234');
      expect(await reply(`/修改 #${id} 地址 东风村三组12号`, CADRE, DONGFENG)).toBe(`#${id} 地址已更新。`);
      expect(t.cipher.decrypt((await caseRow('王五')).addressEnc!)).toBe('东风村三组12号');
      const [edit] = await audits('王五', 'case.edit');
      expect(edit!.after).toEqual({ phone: '139****1234' });
    });

    it('closes with a reason from the list; 其他 needs a note', async () => {
      const id = no['赵六']!;
      expect(await reply(`/关闭 #${id}`, CADRE, DONGFENG)).toContain('要写关闭原因');
      expect(await reply(`/关闭 #${id} 出国`, CADRE, DONGFENG)).toBe('看不懂「出国」：关闭原因写 迁出、误登记、死亡 或 其他。');
      expect(await reply(`/关闭 #${id} 其他`, CADRE, DONGFENG)).toBe(`选“其他”要写说明，例如：/关闭 #${id} 其他 已由县里统一管理`);
      expect((await caseRow('赵六')).status).toBe('active');
      expect(await reply(`/关闭 #${id} 搬走 已搬到县城`, CADRE, DONGFENG)).toBe(`#${id} 赵* 已关闭（迁出：已搬到县城），待办事项已取消。`);
      const row = await caseRow('赵六');
      expect([row.status, row.endReason, row.endNote]).toEqual(['closed', '迁出', '已搬到县城']);
      expect(await reply(`/修改 #${id} 地址 县城`, CADRE, DONGFENG)).toBe(`#${id} 已关闭，不能修改。`);
      // Days before the close stay as they were (undone work counts as missed) ...
      expect((await dutiesOf('赵六')).filter((d) => d.status === 'pending').map((d) => d.dueDate)).toContain('2026-11-17');
      expect((await dutiesOf('赵六')).filter((d) => d.status === 'pending' && d.dueDate >= '2026-11-25')).toEqual([]);
    });

    it('... but a record made by mistake never owed any work: none of it is left to count as missed', async () => {
      const mistaken = (await t.db.db.select().from(cases).where(and(eq(cases.nameHash, nameLookupHash(t.cipher, '孙七')), eq(cases.status, 'active'))))[0]!;
      expect((await t.db.db.select().from(duties).where(eq(duties.caseId, mistaken.id))).some((d) => d.dueDate === '2026-11-24' && d.status === 'pending')).toBe(true);
      expect(await reply(`/关闭 #${mistaken.id} 误登记`, CADRE, HONGQI)).toBe(`#${mistaken.id} 孙* 已关闭（误登记），待办事项已取消。`);
      const left = await t.db.db.select().from(duties).where(and(eq(duties.caseId, mistaken.id), eq(duties.status, 'pending')));
      expect(left).toEqual([]);
    });
  });

  describe('/记录', () => {
    it('shows the trail newest first: who (by name and role), what, before → after, and why', async () => {
      const r = (await reply(`/记录 #${no['王五']}`, LEAD, HQ)).split('\n');
      expect(r[0]).toMatch(new RegExp(`^#${no['王五']} 王\\* 操作记录（共 \\d+ 条，最新在前，第1/1页）：$`));
      const entries = r.slice(1).filter((l) => !l.startsWith('　'));
      expect(entries.slice(0, 5).map((l) => l.replace(/^\d+月\d+日 \d\d:\d\d /, ''))).toEqual([
        '修改 · 李村干部（村干部）',
        '修改 · 李村干部（村干部）',
        '延长 · 李村干部（村干部）',
        '改类别 · 李村干部（村干部）',
        '返回 · 李村干部（村干部）',
      ]);
      expect(r).toContain('　期满：11月30日 → 12月3日；延长天数：0 → 3；原因：第7天核酸未出结果');
      expect(r).toContain('　类别：居家隔离 → 集中隔离');
      expect(r).toContain('　状态：已转运 → 管控中；类别：居家隔离；开始：11月24日；期满：11月30日；管控次数：第2次；结束原因：定点医院 → —');
      expect(r).toContain('　状态：管控中 → 已转运；去向：定点医院；地点：县人民医院；取消待办：3项；关闭异常：1条；原因：发热38.6');
      const plain = r.map((l) => l.replace(/^\d+月\d+日 \d\d:\d\d /, ''));
      const alertAt = plain.indexOf('异常 · 张医生（村医）');
      expect(plain.slice(alertAt, alertAt + 4)).toEqual(['异常 · 张医生（村医）', '　类型：发热；体温：38.6℃', '体温 · 张医生（村医）', '　体温：38.6℃']);
      // The 居家隔离告知书 went privately to the registering cadre, right after the registration.
      expect(plain.slice(-4, -2)).toEqual(['私信发告知书 · 李村干部（村干部）', `　告知书：居家隔离告知书；收件人：李村干部；文件：居家隔离告知书＿${no['王五']}号＿2026-11-16.docx`]); // a file name is typed text: _ is one of Lark's controls
      expect(r).toContain('　地址：已更新（内容不记入记录）');
      expect(r.at(-2)).toMatch(/登记 · 李村干部（村干部）/);
      expect(r.at(-1)).toBe('　姓名：王*；身份证号：110105********0041；手机：138****5670；类别：居家隔离；村：东风村；开始：11月16日；第1天：离开风险地区之日；期满：11月22日');
      const released = await reply(`/记录 #${no['张三']}`, LEAD, HQ);
      expect(released).toMatch(/解除 · 王组长（组长）\n　状态：管控中 → 已解除/);
      expect(released).toMatch(/申请解除 · 李村干部（村干部）/);
      expect(await reply(`/记录 #${no['王五']}`, CADRE, HONGQI)).toBe(`没有你可查看的 #${no['王五']}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`);
    });
  });

  it('the daily summary counts the releases and the chart drops them', async () => {
    // /汇总 of a past day holds that day's numbers: the releases of 11-22 are on 11-22's summary.
    const card = JSON.parse((await g.say('/汇总 11月22日', { from: LEAD, chatId: HQ })).replies[0]!);
    expect(textOf(card)).toContain('解除 2 人');
    expect(textOf(card)).toContain('当天结束时在管 2 人');
    const values = (card.body.elements as { tag: string; chart_spec?: { data: { values: { date: string; n: number }[] } } }[]).find((e) => e.tag === 'chart')!.chart_spec!.data.values;
    // 张三 and 李四 leave on 11-22; the test people never count.
    expect(values.slice(-2)).toEqual([
      { date: '11-21', n: 4 },
      { date: '11-22', n: 2 },
    ]);
    const next = JSON.parse((await g.say('/汇总 11月23日', { from: LEAD, chatId: HQ })).replies[0]!);
    expect(textOf(next)).toContain('当天新增 0 人，解除 0 人');
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});
