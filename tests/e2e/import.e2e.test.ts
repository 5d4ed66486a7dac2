import { nameLookupHash } from '../../src/db/sealed-person';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, duties, imports } from '../../src/db/schema';
import { addDays } from '../../src/domain/dates';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { sayReplying, sendFile, xlsxOf } from '../helpers/files';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const VILLAGE_CHAT = 'oc_imp_dongfeng';
const HQ_CHAT = 'oc_imp_hq';
const UNBOUND_CHAT = 'oc_imp_unbound';
const ADMIN_P2P = 'oc_imp_admin_p2p';
const CADRE = 'ou_imp_cadre';
const OTHER_CADRE = 'ou_imp_cadre2';
const LEAD = 'ou_imp_lead';
const STRANGER = 'ou_imp_stranger';

const HEADER = ['姓名', '身份证号', '手机号', '类别', '开始日期', '地址'];
/** A distinct valid ID per n (birth date 1950-01-01 + n days). */
const idFor = (n: number) => validId(`110105${addDays('1950-01-01', n).replaceAll('-', '')}001`);
const phoneFor = (n: number) => `139${String(n).padStart(8, '0')}`;

describe('bulk import (/导入) end to end: file message → preview card → 导入 / 取消', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  let n = 0;
  const person = (overrides: Partial<Record<'name' | 'id' | 'phone' | 'category' | 'date' | 'address', string>> = {}) => {
    n++;
    return [
      overrides.name ?? '王小明',
      overrides.id ?? idFor(n),
      overrides.phone ?? phoneFor(n),
      overrides.category ?? '居家隔离',
      overrides.date ?? '2026-11-20',
      overrides.address ?? `幸福路${n}号`,
    ];
  };
  const activeCount = async () => (await t.db.db.select({ n: count() }).from(cases).where(eq(cases.status, 'active')))[0]!.n;

  /** Sends the file, then /导入; returns the preview card message (or the text reply). */
  async function importFile(rows: (string | number | Date | null)[][], opts: { from?: string; chatId?: string; fileName?: string; bytes?: Buffer } = {}) {
    const from = opts.from ?? CADRE;
    const chatId = opts.chatId ?? VILLAGE_CHAT;
    const bytes = opts.bytes ?? (await xlsxOf(rows));
    g.groups.add(chatId);
    await sendFile(t, { from, chatId, fileName: opts.fileName ?? '名单.xlsx', bytes });
    const before = t.fake.messages.length;
    const { replies, messageId } = await g.say('/导入', { from, chatId });
    const all = t.fake.messages.slice(before).filter((m) => m.replyTo === messageId);
    const card = all.find((m) => m.msgType === 'interactive');
    return { replies, card, requestId: messageId };
  }
  const pressOn = (card: FakeMessage, text: string, operator = CADRE, chatId = VILLAGE_CHAT) =>
    press(t, { operator, chatId, messageId: card.messageId, value: findButton(currentCard(card), text).value });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ_CHAT });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: LEAD, name: '赵组长' }] });
  });
  afterAll(() => t.close());

  it('answers /导入 with 正在读取文件, then a preview that counts and lists every error by row and field; 导入 writes the valid rows', async () => {
    const badChecksum = idFor(900).slice(0, 17) + (idFor(900).endsWith('0') ? '1' : '0');
    const rows = [
      HEADER,
      person({ name: '张三' }),
      person({ id: badChecksum }),
      person({ name: '李四' }),
      person({ phone: '1381234567', category: '度假' }),
      person({ name: '' }),
      person({ date: '2026-12-30' }),
      person({ name: '赵六' }),
    ];
    const { replies, card } = await importFile(rows);
    expect(replies[0]).toContain('正在读取文件“名单.xlsx”');
    expect(card).toBeDefined();
    const text = textOf(currentCard(card!));
    expect(text).toContain('可导入 3 条，错误 4 条');
    expect(text).toMatch(/第3行（王\*\*）：身份证号校验位不对/);
    expect(text).toMatch(/第5行（王\*\*）：手机号应为11位、以1开头（收到10位）；类别“度假”不存在/);
    expect(text).toContain('第6行：缺少姓名');
    expect(text).toMatch(/第7行（王\*\*）：日期“2026-12-30”还没到/);
    expect(text).not.toContain(badChecksum);
    expect(buttonsOf(currentCard(card!)).map((b) => b.text)).toEqual(['导入', '取消']);
    expect(await activeCount()).toBe(0);

    const res = await pressOn(card!, '导入');
    expect(res.toast?.content).toBe('正在导入…');
    expect(textOf(res.card)).toContain('正在导入 3 条');
    const stored = await t.db.db.select().from(cases).orderBy(cases.id);
    expect(stored.map((c) => t.cipher.decrypt(c.nameEnc))).toEqual(['张三', '李四', '赵六']);
    expect(t.cipher.decrypt(stored[0]!.idNumberEnc)).toBe(rows[1]![1]);
    expect(t.cipher.decrypt(stored[0]!.phoneEnc)).toBe(rows[1]![2]);
    expect(stored[0]).toMatchObject({ category: 'home_isolation', startDate: '2026-11-20', endDate: '2026-11-26', registeredBy: CADRE });
    expect(t.cipher.decrypt(stored[0]!.addressEnc!)).toBe('幸福路1号');
    // Duties as /登记 plans them: from today on, and the day-1 test before the import as not done (未检);
    // today (day 4) is a test day, so no make-up is added.
    const tests = await t.db.db.select().from(duties).where(and(eq(duties.caseId, stored[0]!.id), eq(duties.kind, 'test'))).orderBy(duties.dueDate);
    expect(tests.map((d) => [d.dueDate, d.status])).toEqual([['2026-11-20', 'not_done'], ['2026-11-23', 'pending'], ['2026-11-26', 'pending']]);
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.register'));
    expect(audits.map((a) => a.caseId)).toEqual(stored.map((c) => c.id));
    expect(JSON.stringify(audits)).not.toContain(String(rows[1]![1]));
    const [importAudit] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.import'));
    expect(importAudit).toMatchObject({ actorOpenId: CADRE, chatId: VILLAGE_CHAT, after: expect.objectContaining({ imported: 3, errorRows: 4 }) });
    // The card now shows the outcome, and the group is told.
    expect(textOf(currentCard(card!))).toContain('已导入 3 条（#1 – #3）');
    expect(buttonsOf(currentCard(card!))).toEqual([]);
    expect(t.fake.textsTo(VILLAGE_CHAT).some((m) => m.includes('导入完成：新增 3 条，有错误的 4 条未导入'))).toBe(true);
    const [imp] = await t.db.db.select().from(imports).where(eq(imports.id, 1));
    expect(imp).toMatchObject({ status: 'done', sealedRows: null });
  });
  it('reads columns in any order, under a title line, with the usual header variants, numbers and date cells', async () => {
    const id = idFor(1001);
    const rows = [
      ['东风村居家隔离人员名单'],
      ['序号', '联系电话', '现住址', '身份证号码', '人员姓名', '管控类别', '到达日期'],
      [1, 13912345678, '东风村三组', id, '孙七', '3天3检', new Date(Date.UTC(2026, 10, 22))],
    ];
    const { card } = await importFile(rows);
    expect(textOf(currentCard(card!))).toContain('可导入 1 条，错误 0 条');
    await pressOn(card!, '导入');
    const [c] = await t.db.db.select().from(cases).where(eq(cases.nameHash, nameLookupHash(t.cipher, '孙七')));
    expect(c).toMatchObject({ category: 'monitor_3t3d', startDate: '2026-11-22' });
    expect(t.cipher.decrypt(c!.addressEnc!)).toBe('东风村三组');
    expect(t.cipher.decrypt(c!.phoneEnc)).toBe('13912345678');
  });

  it('reads a csv saved by Excel on Chinese Windows (GB18030, quoted fields)', async () => {
    const csv = ['姓名,身份证号,手机号,类别,地址', `周八,${idFor(1002)},13900000001,集中隔离,"幸福路1号,2单元"`, `吴九,${idFor(1003)},13900000002,居家隔离,`].join('\r\n');
    const gbk = encodeGb18030(csv);
    const { card } = await importFile([], { bytes: gbk, fileName: '名单.csv' });
    expect(textOf(currentCard(card!))).toContain('可导入 2 条，错误 0 条');
    await pressOn(card!, '导入');
    const [c] = await t.db.db.select().from(cases).where(eq(cases.nameHash, nameLookupHash(t.cipher, '周八')));
    // No date column: as with /登记, the start is today.
    expect(c).toMatchObject({ category: 'central_isolation', startDate: '2026-11-23' });
    expect(t.cipher.decrypt(c!.addressEnc!)).toBe('幸福路1号,2单元');
  });

  it('reports people already under management and people listed twice, and never imports them twice', async () => {
    const registered = idFor(1100);
    await g.say(`/登记 郑十 ${registered} 13800001100 居家隔离`, { from: CADRE, chatId: VILLAGE_CHAT });
    const [existing] = await t.db.db.select().from(cases).where(eq(cases.nameHash, nameLookupHash(t.cipher, '郑十')));
    const twice = idFor(1101);
    const rows = [HEADER, person({ id: registered }), person({ name: '钱一', id: twice }), person({ name: '钱二', id: twice })];
    const { card } = await importFile(rows);
    const text = textOf(currentCard(card!));
    expect(text).toContain('可导入 1 条，错误 1 条');
    expect(text).toContain('第4行（钱*）：身份证号与第3行重复');
    expect(text).toContain(`已在管控中 1 条，不会重复导入：第2行 #${existing!.id}`);
    const before = await activeCount();
    await pressOn(card!, '导入');
    expect(await activeCount()).toBe(before + 1);
    expect(textOf(currentCard(card!))).toContain(`第2行 #${existing!.id}`);
  });

  it('imports once when 导入 is pressed twice, and when two previews of the same file are both confirmed', async () => {
    const rows = [HEADER, person({ name: '冯一' }), person({ name: '冯二' })];
    const first = await importFile(rows);
    const second = await importFile(rows);
    const before = await activeCount();
    // A double tap: the second press carries the same button, sent before the card changed.
    const value = findButton(currentCard(first.card!), '导入').value;
    await press(t, { operator: CADRE, chatId: VILLAGE_CHAT, messageId: first.card!.messageId, value });
    const again = await press(t, { operator: CADRE, chatId: VILLAGE_CHAT, messageId: first.card!.messageId, value });
    expect(again.toast?.content).toContain('已经按过“导入”');
    expect(await activeCount()).toBe(before + 2);
    // The second preview was read before the first import: its rows are now duplicates.
    await pressOn(second.card!, '导入');
    expect(await activeCount()).toBe(before + 2);
    expect(textOf(currentCard(second.card!))).toContain('已导入 0 条');
    expect(textOf(currentCard(second.card!))).toContain('已在管控中 2 条');
  });

  it('取消 drops the import and its data; a later 导入 is refused', async () => {
    const { card } = await importFile([HEADER, person({ name: '陈一' })]);
    const before = await activeCount();
    const res = await pressOn(card!, '取消');
    expect(res.toast?.content).toBe('已取消导入。');
    expect(textOf(res.card)).toContain('已取消');
    const late = await press(t, { operator: CADRE, chatId: VILLAGE_CHAT, messageId: card!.messageId, value: { action: 'import.confirm', importId: (await lastImportId()) } });
    expect(late.toast?.content).toBe('这次导入已取消。');
    expect(await activeCount()).toBe(before);
    const [imp] = await t.db.db.select().from(imports).where(eq(imports.id, await lastImportId()));
    expect(imp).toMatchObject({ status: 'cancelled', sealedRows: null });
  });

  it('lets only the requester, a lead or an admin decide; refuses /导入 to people without a role', async () => {
    const { card } = await importFile([HEADER, person({ name: '褚一' })]);
    const before = await activeCount();
    const other = await pressOn(card!, '导入', OTHER_CADRE);
    expect(other.toast?.content).toBe('只有发起导入的人、组长或管理员可以操作。');
    expect(await activeCount()).toBe(before);
    const byLead = await pressOn(card!, '导入', LEAD);
    expect(byLead.toast?.content).toBe('正在导入…');
    expect(await activeCount()).toBe(before + 1);

    await sendFile(t, { from: STRANGER, chatId: UNBOUND_CHAT, fileName: '名单.xlsx', bytes: await xlsxOf([HEADER, person()]) });
    const { replies } = await g.say('/导入', { from: STRANGER, chatId: UNBOUND_CHAT });
    expect(replies).toEqual(['只有村干部、村医、组长或管理员可以导入名单。']);
  });

  it('in a village group takes only that village; in HQ the village column is required', async () => {
    const rows = [[...HEADER, '村'], [...person({ name: '卫一' }), '红旗村'], [...person({ name: '卫二' }), '']];
    const { card } = await importFile(rows);
    const text = textOf(currentCard(card!));
    expect(text).toContain('可导入 1 条，错误 1 条');
    expect(text).toContain('第2行（卫*）：本群只能导入东风村的人员，不能导入“红旗村”');
    const hq = await importFile([HEADER, person()], { from: LEAD, chatId: HQ_CHAT });
    expect(hq.card).toBeUndefined();
    expect(hq.replies.at(-1)).toBe('表格缺少这些列：村。请补上列名后重新发送。');
  });

  it('uses the file a /导入 replies to, and explains what is missing or unreadable', async () => {
    const target = await sendFile(t, { from: OTHER_CADRE, chatId: VILLAGE_CHAT, fileName: '别人的.xlsx', bytes: await xlsxOf([HEADER, person({ name: '蒋一' })]) });
    await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '我的.xlsx', bytes: await xlsxOf([HEADER, person({ name: '沈一' })]) });
    const replied = await sayReplying(t, '/导入', { from: CADRE, chatId: VILLAGE_CHAT, parentId: target.messageId });
    expect(replied.replies[0]).toContain('别人的.xlsx');
    expect(textOf(JSON.parse(replied.replies[1]!))).toContain('可导入 1 条');

    const none = await g.say('/导入', { from: 'ou_imp_nofile', chatId: VILLAGE_CHAT });
    expect(none.replies[0]).toContain('没有找到你最近24小时内在本群发的文件');
    await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '名单.xls', bytes: Buffer.from('old') });
    expect((await g.say('/导入', { from: CADRE, chatId: VILLAGE_CHAT })).replies[0]).toContain('旧版 .xls 请在 Excel 里“另存为”xlsx');
    await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '坏的.xlsx', bytes: Buffer.from('not a zip') });
    expect((await g.say('/导入', { from: CADRE, chatId: VILLAGE_CHAT })).replies.at(-1)).toContain('读不出“坏的.xlsx”的内容');
    await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '无表头.xlsx', bytes: await xlsxOf([['a', 'b'], ['c', 'd']]) });
    expect((await g.say('/导入', { from: CADRE, chatId: VILLAGE_CHAT })).replies.at(-1)).toContain('找不到表头');
  });

  it('answers a file Lark refuses to hand out with a clear reply, and a request survives a restart while Lark is down', async () => {
    // A file message the fake has no bytes for: Lark answers 400 (file not in message).
    const gone = await sayReplying(t, '/导入', { from: CADRE, chatId: VILLAGE_CHAT, parentId: (await fileWithoutBytes()).messageId });
    expect(gone.replies.at(-1)).toContain('无法下载这个文件');

    await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '稍后.xlsx', bytes: await xlsxOf([HEADER, person({ name: '韩一' })]) });
    t.fake.failNext({ method: 'GET', pathPrefix: '/open-apis/im/v1/messages/' }, { status: 503, body: { code: 1, msg: 'unavailable' } }, 1);
    const { replies } = await g.say('/导入', { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toEqual(['正在读取文件“稍后.xlsx”…读完后发预览，确认后才会导入。']);
    const id = await lastImportId();
    expect((await t.db.db.select().from(imports).where(eq(imports.id, id)))[0]!.status).toBe('pending');
    await t.restart();
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    await t.settle();
    const [imp] = await t.db.db.select().from(imports).where(eq(imports.id, id));
    expect(imp!.status).toBe('preview');
  });

  it('records a file sent in a private chat and tells the sender how to import it; groups stay quiet', async () => {
    const p2p = await sendFile(t, { from: LEAD, chatId: 'oc_imp_lead_p2p', chatType: 'p2p', fileName: '私聊.xlsx', bytes: await xlsxOf([HEADER]) });
    expect(p2p.replies).toEqual(['收到文件“私聊.xlsx”。要按名单批量登记，请发送 /导入。']);
    const group = await sendFile(t, { from: CADRE, chatId: VILLAGE_CHAT, fileName: '群里.xlsx', bytes: await xlsxOf([HEADER]) });
    expect(group.replies).toEqual([]);
  });

  it('imports a 5 000-row file, every row with its duties', async () => {
    const rows: (string | number)[][] = [HEADER];
    for (let i = 0; i < 5000; i++) rows.push(person({ name: '大批量', id: idFor(20_000 + i), category: i % 2 ? '居家隔离' : '三天三检', date: '2026-11-22' }));
    const { card } = await importFile(rows, { fileName: '五千.xlsx' });
    expect(textOf(currentCard(card!))).toContain('可导入 5000 条，错误 0 条');
    const before = await activeCount();
    await pressOn(card!, '导入');
    expect(await activeCount()).toBe(before + 5000);
    const imported = await t.db.db.select({ id: cases.id, category: cases.category }).from(cases).where(eq(cases.nameHash, nameLookupHash(t.cipher, '大批量')));
    expect(imported).toHaveLength(5000);
    const [dutyCount] = await t.db.db
      .select({ n: count() })
      .from(duties)
      .innerJoin(cases, eq(cases.id, duties.caseId))
      .where(eq(cases.nameHash, nameLookupHash(t.cipher, '大批量')));
    const perCase = async (category: string) => {
      const c = imported.find((x) => x.category === category)!;
      return (await t.db.db.select({ n: count() }).from(duties).where(eq(duties.caseId, c.id)))[0]!.n;
    };
    expect(dutyCount!.n).toBe(2500 * (await perCase('home_isolation')) + 2500 * (await perCase('monitor_3t3d')));
    expect(await perCase('home_isolation')).toBeGreaterThan(0);
    expect((await t.db.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, 'case.register')))[0]!.n).toBeGreaterThanOrEqual(5000);
  }, 120_000);

  it('drops an undecided preview after 24 hours: the rows are deleted, the card says so, 导入 is refused', async () => {
    const { card } = await importFile([HEADER, person({ name: '过期' })]);
    const id = await lastImportId();
    const before = await activeCount();
    t.clock.now = new Date(t.clock.now.getTime() + 23 * 3600_000);
    await t.settle();
    expect((await t.db.db.select().from(imports).where(eq(imports.id, id)))[0]!.status).toBe('preview');
    t.clock.now = new Date(t.clock.now.getTime() + 2 * 3600_000);
    await t.settle();
    expect((await t.db.db.select().from(imports).where(eq(imports.id, id)))[0]).toMatchObject({ status: 'cancelled', failure: 'expired', sealedRows: null });
    expect(textOf(currentCard(card!))).toContain('导入已过期');
    expect(buttonsOf(currentCard(card!))).toEqual([]);
    const late = await press(t, { operator: CADRE, chatId: VILLAGE_CHAT, messageId: card!.messageId, value: { action: 'import.confirm', importId: id } });
    expect(late.toast?.content).toBe('这次导入已过期，请重新发送文件并 /导入。');
    expect(await activeCount()).toBe(before);
  });

  it('never shows a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });

  async function lastImportId() {
    const rows = await t.db.db.select({ id: imports.id }).from(imports);
    return Math.max(...rows.map((r) => r.id));
  }

  async function fileWithoutBytes() {
    const { buildMessageEvent, signedRequest } = await import('../helpers/lark-delivery');
    const { ENCRYPT_KEY, VERIFICATION_TOKEN, unixSeconds } = await import('../helpers/test-app');
    const event = buildMessageEvent({
      content: { file_key: 'file_v3_gone', file_name: '撤回.xlsx' },
      messageType: 'file',
      chatId: VILLAGE_CHAT,
      senderOpenId: CADRE,
      token: VERIFICATION_TOKEN,
    });
    t.fake.registerIncoming(event.event.message.message_id, VILLAGE_CHAT);
    await t.post('/lark/events', signedRequest(event, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
    await t.settle();
    return { messageId: event.event.message.message_id };
  }
});

// Node decodes GB18030 but cannot encode it: the codes of the characters this file's csv uses.
const GB18030: Record<string, string> = { '中': 'd6d0', '九': 'bec5', '份': 'b7dd', '元': 'd4aa', '八': 'b0cb', '别': 'b1f0', '单': 'b5a5', '号': 'bac5', '名': 'c3fb', '吴': 'cee2', '周': 'd6dc', '地': 'b5d8', '址': 'd6b7', '姓': 'd0d5', '家': 'bcd2', '居': 'bed3', '幸': 'd0d2', '手': 'cad6', '机': 'bbfa', '福': 'b8a3', '离': 'c0eb', '类': 'c0e0', '证': 'd6a4', '路': 'c2b7', '身': 'c9ed', '隔': 'b8f4', '集': 'bcaf' };

function encodeGb18030(text: string): Buffer {
  return Buffer.concat(
    Array.from(text, (c) => {
      if (c.charCodeAt(0) < 0x80) return Buffer.from(c, 'latin1');
      const hex = GB18030[c];
      if (!hex) throw new Error(`no GB18030 code for ${c} in the test table`);
      return Buffer.from(hex, 'hex');
    }),
  );
}
