import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema';
import { currentCard, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { readXlsx, sendFile } from '../helpers/files';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const DONGFENG_CHAT = 'oc_exp_dongfeng';
const HONGQI_CHAT = 'oc_exp_hongqi';
const HQ_CHAT = 'oc_exp_hq';
const ADMIN_P2P = 'oc_exp_admin_p2p';
const CADRE = 'ou_exp_cadre';
const DOCTOR = 'ou_exp_doctor';
const LEAD = 'ou_exp_lead';
const ADMIN_NAME = '管理员张';

const ZHANG = { id: validId('11010519491231002'), phone: '13812345678' };
const LI = { id: validId('11010519800101003'), phone: '13900001111' };
const WANG = { id: validId('11010519900505004'), phone: '13700002222' };

describe('/导出 (export) end to end: the ledger as xlsx, privately to the asker', () => {
  let t: TestApp;
  const g = watchGroups(() => t);

  /** Runs /导出 and returns the group replies and the workbook sent privately to `from`. */
  async function exportAs(from: string, chatId: string, arg = '') {
    const before = t.fake.messages.length;
    const filesBefore = t.fake.files.length;
    const { replies } = await g.say(`/导出 ${arg}`.trim(), { from, chatId });
    const sent = t.fake.messages.slice(before);
    const fileMessages = sent.filter((m) => m.msgType === 'file');
    const uploaded = t.fake.files.slice(filesBefore);
    const sheets = uploaded[0] ? await readXlsx(uploaded[0].bytes) : null;
    return { replies, sent, fileMessages, uploaded, sheets };
  }
  const column = (rows: unknown[][], header: string) => {
    const i = (rows[0] as string[]).indexOf(header);
    expect(i).toBeGreaterThanOrEqual(0);
    return rows.slice(1).map((r) => r[i]);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    t.fake.setUser(CADRE, '李村干部');
    t.fake.setUser(ADMIN, ADMIN_NAME);
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG_CHAT });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: LEAD, name: '赵组长' }] });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI_CHAT });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ_CHAT });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '刘医生' }] });
    await g.say(`/登记 张三 ${ZHANG.id} ${ZHANG.phone} 居家隔离 11月20日 幸福路8号`, { from: CADRE, chatId: DONGFENG_CHAT });
    await g.say(`/登记 李四 ${LI.id} ${LI.phone} 三天三检`, { from: CADRE, chatId: DONGFENG_CHAT });
    await g.say(`/登记 王五 ${WANG.id} ${WANG.phone} 集中隔离`, { from: 'ou_exp_hongqi_cadre', chatId: HONGQI_CHAT });
    await g.say('/采样 #1', { from: DOCTOR, chatId: DONGFENG_CHAT });
    await g.say('/结果 #1 阴性', { from: DOCTOR, chatId: DONGFENG_CHAT });
    await g.say('/体温 #1 36.5', { from: DOCTOR, chatId: DONGFENG_CHAT });
  });
  afterAll(() => t.close());

  it('sends a lead the whole township unmasked, by private message only; the group hears 已私信发送', async () => {
    const { replies, sent, fileMessages, uploaded, sheets } = await exportAs(LEAD, HQ_CHAT);
    expect(replies).toEqual([expect.stringContaining('已私信发送')]);
    expect(fileMessages).toHaveLength(1);
    expect(fileMessages[0]).toMatchObject({ receiveIdType: 'open_id', receiveId: LEAD });
    // Into the groups went only the one-line reply.
    expect(sent.filter((m) => m.chatId !== undefined && g.groups.has(m.chatId)).map((m) => m.msgType)).toEqual(['text']);
    expect(uploaded[0]!.fileName).toBe('台账_全镇_2026-11-23.xlsx');
    expect([...sheets!.keys()]).toEqual(['管控对象', '核酸记录', '体温记录', '转运记录', '包保责任分解表', '操作记录']);

    const people = sheets!.get('管控对象')!;
    expect(people[0]).toEqual(['编号', '姓名', '身份证号', '手机号', '性别', '出生日期', '类别', '开始日期', '结束日期', '村', '地址', '状态', '登记时间']);
    expect(people).toHaveLength(4);
    expect(people[1]).toEqual([1, '张三', ZHANG.id, ZHANG.phone, '女', '1949-12-31', '居家隔离', '2026-11-20', '2026-11-26', '东风村', '幸福路8号', '管控中', '2026-11-23 10:00']);
    expect(column(people, '村')).toEqual(['东风村', '东风村', '红旗村']);

    const tests = sheets!.get('核酸记录')!;
    const zhangTest = tests.find((r) => r[0] === 1 && r[4] === '2026-11-23')!;
    // People by name: 刘医生 from the @-mention that made them a doctor.
    expect(zhangTest).toEqual([1, '张三', '东风村', 4, '2026-11-23', '已出结果', '2026-11-23 10:00', '刘医生', '阴性', '2026-11-23 10:00', '刘医生']);
    const temps = sheets!.get('体温记录')!;
    expect(temps.find((r) => r[0] === 1 && r[5] === 36.5)).toEqual([1, '张三', '东风村', '2026-11-23', '上午', 36.5, undefined, '已测', '2026-11-23 10:00', '刘医生']);
    const teams = sheets!.get('包保责任分解表')!;
    expect(teams[0]).toEqual(['编号', '姓名', '村', '类别', '镇干部', '村干部', '村医', '民警', '网格员', '卫生院', '缺少']);
    expect(teams.slice(1).map((r) => r[0])).toEqual([1, 2, 3]);
    expect(teams[1]![1]).toBe('张三');
    const audit = sheets!.get('操作记录')!;
    expect(audit[0]).toEqual(['时间', '操作人', '群', '操作', '编号', '变更前', '变更后', '原因']);
    const registered = audit.filter((r) => r[3] === '登记');
    // The cadre from the contact API; the 红旗村 cadre is outside the tenant's address book: a short form of the id.
    expect(registered.map((r) => [r[1], r[2], r[4]])).toEqual([
      ['李村干部', '东风村工作群', 1],
      ['李村干部', '东风村工作群', 2],
      ['用户…adre', '红旗村工作群', 3],
    ]);
    expect(registered[0]![6]).toBe(`姓名：张*；身份证号：110105********${ZHANG.id.slice(-4)}；手机：138****5678；类别：居家隔离；村：东风村；开始：11月20日；第1天：离开风险地区之日；期满：11月26日`);
    expect(audit.find((r) => r[3] === '授权' && String(r[6]).includes('村医'))!.slice(1, 8)).toEqual([ADMIN_NAME, '私聊或未绑定的群', '授权', undefined, undefined, '人员：刘医生；角色：村医；村：东风村']);
    expect(audit.find((r) => r[3] === '核酸结果')!.slice(5, 7)).toEqual([undefined, '核酸：第4天；结果：阴性']);
    expect(JSON.stringify(audit)).not.toMatch(/ou_|[{}]|case\.|duty\./);

    const [logged] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.export'));
    expect(logged).toMatchObject({ actorOpenId: LEAD, chatId: HQ_CHAT, after: { village: null, masked: false, cases: 3, fileName: '台账_全镇_2026-11-23.xlsx' } });
  });

  it('exports one named village', async () => {
    const { sheets, uploaded } = await exportAs(LEAD, HQ_CHAT, '红旗村');
    expect(uploaded[0]!.fileName).toBe('台账_红旗村_2026-11-23.xlsx');
    expect(column(sheets!.get('管控对象')!, '姓名')).toEqual(['王五']);
    expect(column(sheets!.get('核酸记录')!, '村').every((v) => v === '红旗村')).toBe(true);
    expect(column(sheets!.get('操作记录')!, '编号')).toEqual([3]);
  });

  it('gives a village cadre their own village only, masked', async () => {
    const { replies, fileMessages, sheets } = await exportAs(CADRE, DONGFENG_CHAT);
    expect(replies[0]).toContain('已私信发送');
    expect(fileMessages[0]).toMatchObject({ receiveIdType: 'open_id', receiveId: CADRE });
    const people = sheets!.get('管控对象')!;
    expect(people[1]).toEqual([1, '张*', '110105********' + ZHANG.id.slice(-4), '138****5678', '女', undefined, '居家隔离', '2026-11-20', '2026-11-26', '东风村', '幸福路**', '管控中', '2026-11-23 10:00']);
    expect(column(people, '村')).toEqual(['东风村', '东风村']);
    expect(column(sheets!.get('核酸记录')!, '姓名').every((n) => n === '张*' || n === '李*')).toBe(true);
    const all = JSON.stringify([...sheets!.values()]);
    for (const secret of [ZHANG.id, ZHANG.phone, LI.id, LI.phone, WANG.id, '张三', '李四', '王五']) expect(all).not.toContain(secret);

    const other = await exportAs(CADRE, DONGFENG_CHAT, '红旗村');
    expect(other.replies).toEqual(['你只能导出本村的台账，不能导出红旗村。']);
    expect(other.fileMessages).toEqual([]);
    const stranger = await exportAs('ou_exp_stranger', 'oc_exp_unbound');
    expect(stranger.replies).toEqual(['只有组长、管理员或本村干部可以导出台账。']);
    expect(stranger.uploaded).toEqual([]);
  });

  it('writes a ledger the import reads back: every person is recognised as already under management', async () => {
    const { uploaded } = await exportAs(LEAD, HQ_CHAT);
    await sendFile(t, { from: LEAD, chatId: HQ_CHAT, fileName: uploaded[0]!.fileName, bytes: uploaded[0]!.bytes });
    const before = t.fake.messages.length;
    const { replies } = await g.say('/导入', { from: LEAD, chatId: HQ_CHAT });
    const card = t.fake.messages.slice(before).find((m: FakeMessage) => m.msgType === 'interactive');
    // Without the preview the replies say why (the file could not be read, say).
    expect(card, replies.join(' / ')).toBeDefined();
    const text = textOf(currentCard(card!));
    expect(text).toContain('可导入 0 条，错误 0 条');
    expect(text).toContain('已在管控中 3 条，不会重复导入：第2行 #1、第3行 #2、第4行 #3');
  });

  it('never shows a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
