import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseAlerts, cases, duties, imports } from '../../src/db/schema';
import { addDays } from '../../src/domain/dates';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { sayReplying, sendFile, xlsxOf } from '../helpers/files';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_lab_admin_p2p';
const DONGFENG = 'oc_lab_dongfeng';
const HQ = 'oc_lab_hq';
const TESTING = 'oc_lab_testing';
const TRANSFER = 'oc_lab_transfer';
const CADRE = 'ou_lab_cadre';
const DOCTOR = 'ou_lab_doctor';
const SAMPLER = 'ou_lab_sampler';
/** No grant: may import results by speaking in the testing task force's group. */
const TASK_FORCE = 'ou_lab_taskforce';

const HEADER = ['姓名', '身份证号', '采样日期', '结果'];
const YESTERDAY = '2026-11-22';
/** A distinct valid ID per n. */
const idFor = (n: number) => validId(`110105${addDays('1960-01-01', n).replaceAll('-', '')}002`);
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe('lab result files (/结果导入) end to end: file → preview → 录入 / 取消', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  /** Case number by the name registered. */
  const no: Record<string, number> = {};
  const idOf: Record<string, string> = {};

  const testOf = async (name: string, day = YESTERDAY) =>
    (await t.db.db.select().from(duties).where(and(eq(duties.caseId, no[name]!), eq(duties.kind, 'test'), eq(duties.dueDate, day))).orderBy(duties.id))[0]!;
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.chatId === chatId || m.receiveId === chatId);
  const alertCardsIn = (chatId: string, caseId: number) =>
    sentTo(chatId).filter((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`异常 · #${caseId}`));
  const resultAudits = async (importId: number) =>
    (await t.db.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'duty.result'), sql`${auditLog.after}->>'importId' = ${String(importId)}`)))[0]!.n;
  const lastImportId = async () => Math.max(...(await t.db.db.select({ id: imports.id }).from(imports)).map((r) => r.id));

  /** Sends the file to the chat, then /结果导入 (or a reply to the file); returns the replies and the preview card. */
  async function importResults(rows: (string | number | Date)[][], opts: { from?: string; chatId?: string; fileName?: string; bytes?: Buffer } = {}) {
    const from = opts.from ?? TASK_FORCE;
    const chatId = opts.chatId ?? TESTING;
    g.groups.add(chatId);
    const file = await sendFile(t, { from, chatId, fileName: opts.fileName ?? '检测结果.xlsx', bytes: opts.bytes ?? (await xlsxOf(rows)) });
    const before = t.fake.messages.length;
    const { replies, messageId } = await g.say('/结果导入', { from, chatId });
    const card = t.fake.messages.slice(before).find((m) => m.replyTo === messageId && m.msgType === 'interactive');
    return { replies, card, file };
  }
  const pressOn = (card: FakeMessage, text: string, operator = TASK_FORCE) =>
    press(t, { operator, chatId: card.chatId!, messageId: card.messageId, value: findButton(currentCard(card), text).value });

  beforeAll(async () => {
    // The day of sampling: every test below is sampled on 11-22 in the afternoon.
    t = await startTestApp({ now: `${YESTERDAY}T16:00:00+08:00` });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TESTING });
    await g.say('/绑定 专班 转运', { from: ADMIN, chatId: TRANSFER });
    await t.say('/角色 @_user_2 采样员', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(SAMPLER, '王护士')] });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    // 居家隔离 from today: the day-1 test is due today.
    const people = ['周阴', '吴阴', '郑阳', '王混', '冯效', '陈未', '褚冲', '卫同', '蒋关', '沈名'];
    for (const [i, name] of people.entries()) {
      idOf[name] = idFor(i);
      const { replies } = await g.say(`/登记 ${name} ${idOf[name]} 139${String(i).padStart(8, '0')} 居家隔离 今天`, { from: CADRE, chatId: DONGFENG });
      expect(replies.join()).toContain('已登记');
    }
    for (const c of await t.db.db.select().from(cases)) no[t.cipher.decrypt(c.nameEnc)] = c.id;
    // The health centre samples everyone but 陈未; two results come back by hand the same evening.
    for (const name of people.filter((p) => p !== '陈未')) {
      expect((await g.say(`/采样 #${no[name]}`, { from: SAMPLER, chatId: DONGFENG })).replies.join()).toContain('已记录采样');
    }
    await g.say(`/结果 #${no['褚冲']} 阴性`, { from: SAMPLER, chatId: DONGFENG });
    await g.say(`/结果 #${no['卫同']} 阴性`, { from: SAMPLER, chatId: DONGFENG });
    await g.say(`/关闭 #${no['蒋关']} 误登记`, { from: CADRE, chatId: DONGFENG });
    // The lab's list arrives the next morning.
    t.clock.now = new Date('2026-11-23T09:00:00+08:00');
  });
  afterAll(() => t.close());

  const labFile = () => [
    ['东风村核酸检测结果（11月22日）'],
    HEADER,
    ['周阴', idOf['周阴']!, YESTERDAY, '阴性'],
    ['吴阴', idOf['吴阴']!, '2026/11/22 16:05:11', '阴性(-)'],
    ['郑阳', idOf['郑阳']!, YESTERDAY, '阳性'],
    ['王混', idOf['王混']!, YESTERDAY, '混管阳性'],
    ['冯效', idOf['冯效']!, YESTERDAY, '无效'],
    ['韩外', idFor(500), YESTERDAY, '阴性'],
    ['陈未', idOf['陈未']!, YESTERDAY, '阴性'],
    ['褚冲', idOf['褚冲']!, YESTERDAY, '阳性'],
    ['卫同', idOf['卫同']!, YESTERDAY, '阴性'],
    ['杨错', idFor(501).slice(0, 17) + (idFor(501).endsWith('0') ? '1' : '0'), YESTERDAY, '阴性'],
    ['朱乱', idFor(502), '昨儿', '弱阳'],
    ['蒋关', idOf['蒋关']!, YESTERDAY, '阴性'],
    ['秦别', idOf['沈名']!, YESTERDAY, '阴性'],
  ];

  let preview: FakeMessage;
  let previewImportId: number;

  it('answers /结果导入 with 正在读取, then a preview 「可录入 N 条，未匹配 M 条」 listing every unmatched row masked, with why', async () => {
    const { replies, card } = await importResults(labFile());
    expect(replies[0]).toBe('正在读取检测结果“检测结果.xlsx”…读完后发预览，确认后才会录入。');
    preview = card!;
    previewImportId = await lastImportId();
    const text = textOf(currentCard(preview));
    expect(text).toContain('结果导入预览：检测结果.xlsx');
    expect(text).toContain('可录入 5 条，未匹配 7 条');
    expect(text).toContain('其中阴性 2 条、阳性 1 条、无效 1 条、混管阳性 1 条');
    expect(text).toContain('录入后阳性按异常立即通知');
    expect(text).toContain(`结果已录入过 1 条，不再重复录入：第11行 #${no['卫同']}`);
    const lines = text.split('\n').filter((l) => l.startsWith('第'));
    expect(lines).toEqual([
      '第8行（韩*）：不在管控中',
      `第9行（陈*）：#${no['陈未']} 当天（11月22日）没有已采样的核酸`,
      `第10行（褚*）：#${no['褚冲']} 已录入阴性，与文件的阳性不同，未录入`,
      '第12行（杨*）：身份证号校验位不对（请核对最后一位）',
      '第13行（朱*）：采样日期“昨儿”读不出，请写成 2026-11-23 或 2026/11/23 08:30；结果“弱阳”读不出，应为阴性、阳性、无效或混管阳性',
      `第14行（蒋*）：#${no['蒋关']} 已关闭，不再录入`,
      `第15行（秦*）：姓名与 #${no['沈名']} 登记的不一致，请核对身份证号`,
    ]);
    expect(buttonsOf(currentCard(preview)).map((b) => b.text)).toEqual(['录入', '取消']);
    // Nothing is entered before 录入.
    expect((await testOf('周阴')).result).toBeNull();
    expect(await t.db.db.select().from(caseAlerts)).toEqual([]);
  });

  it('录入 enters exactly the matched rows as result presses would: 阳性 alerts the village, HQ and 转运, 混管阳性 plans the recheck, all audited with the import', async () => {
    // Between the preview and 录入, two of its tests get a result by hand: one the same, one different.
    await g.say(`/结果 #${no['周阴']} 阴性`, { from: SAMPLER, chatId: DONGFENG });
    await g.say(`/结果 #${no['冯效']} 阴性`, { from: SAMPLER, chatId: DONGFENG });

    const res = await pressOn(preview, '录入');
    expect(res.toast?.content).toBe('正在录入…');
    expect(textOf(res.card)).toContain('正在录入 5 条检测结果');

    expect(await testOf('吴阴')).toMatchObject({ status: 'done', result: 'negative', completedBy: TASK_FORCE });
    expect(await testOf('郑阳')).toMatchObject({ status: 'abnormal', result: 'positive' });
    expect(await testOf('王混')).toMatchObject({ status: 'abnormal', result: 'pooled_positive' });
    // The hand-entered ones stay as entered; the rest are untouched.
    expect(await testOf('周阴')).toMatchObject({ result: 'negative', completedBy: SAMPLER });
    expect(await testOf('冯效')).toMatchObject({ result: 'negative', completedBy: SAMPLER });
    expect(await testOf('陈未')).toMatchObject({ status: 'pending', result: null });
    expect(await testOf('褚冲')).toMatchObject({ result: 'negative' });
    expect(await testOf('蒋关')).toMatchObject({ status: 'sampled', result: null });
    expect(await testOf('沈名')).toMatchObject({ status: 'sampled', result: null });
    expect(await resultAudits(previewImportId)).toBe(3);

    // 阳性: the alert as a press raises it, in the village, HQ and the transfer task force.
    for (const chat of [DONGFENG, HQ, TRANSFER]) expect(alertCardsIn(chat, no['郑阳']!)).toHaveLength(1);
    // 混管阳性: a 单采复核 planned for the case, and the village and the testing task force told (not HQ).
    const recheck = await t.db.db.select().from(duties).where(and(eq(duties.caseId, no['王混']!), eq(duties.slot, 'recheck')));
    expect(recheck).toEqual([expect.objectContaining({ status: 'pending', resampleOf: (await testOf('王混')).id })]);
    for (const chat of [DONGFENG, TESTING]) expect(alertCardsIn(chat, no['王混']!)).toHaveLength(1);
    expect(alertCardsIn(HQ, no['王混']!)).toHaveLength(0);
    const alerts = await t.db.db.select().from(caseAlerts);
    expect(alerts.map((a) => [a.caseId, a.kind]).sort()).toEqual([[no['郑阳'], 'positive'], [no['王混'], 'pooled_positive']].sort());

    // The card now says what happened, including what was entered by hand meanwhile.
    const done = textOf(currentCard(preview));
    expect(done).toContain('已录入：检测结果.xlsx');
    expect(done).toContain('已录入 3 条');
    expect(done).toContain('其中阴性 1 条、阳性 1 条、混管阳性 1 条');
    expect(done).toContain('预览之后有 2 条已被手工录入：结果相同的 1 条未重复录入，结果不同的 1 条未录入（见下）。');
    expect(done).toContain(`第7行（冯*）：#${no['冯效']} 预览后已录入阴性，与文件的无效不同，未录入`);
    expect(done).toContain(`结果已录入过 2 条，不再重复录入：第3行 #${no['周阴']}、第11行 #${no['卫同']}`);
    expect(buttonsOf(currentCard(preview))).toEqual([]);
    expect(t.fake.textsTo(TESTING)).toContain('检测结果录入完成：录入 3 条，已录入过 2 条，未录入 8 条。');
    const [imp] = await t.db.db.select().from(imports).where(eq(imports.id, previewImportId));
    expect(imp).toMatchObject({ kind: 'results', status: 'done', sealedRows: null, result: expect.objectContaining({ imported: 3 }) });
    const [audit] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'ledger.result_import'));
    expect(audit).toMatchObject({ actorOpenId: TASK_FORCE, chatId: TESTING, after: expect.objectContaining({ importId: previewImportId, entered: 3, recorded: 2, unmatchedRows: 8 }) });
  });

  it('enters once: a second press of 录入, and a second preview of the same file confirmed later', async () => {
    const again = await press(t, { operator: TASK_FORCE, chatId: TESTING, messageId: preview.messageId, value: { action: 'import.confirm', importId: previewImportId } });
    expect(again.toast?.content).toBe('已经按过“录入”，正在或已经录入完成。');
    expect(await resultAudits(previewImportId)).toBe(3);

    // The same file sent again: its rows are now all recorded (or set apart), so 录入 enters none.
    const second = await importResults(labFile());
    const text = textOf(currentCard(second.card!));
    expect(text).toContain('可录入 0 条');
    expect(text).toContain('没有可以录入的行。');
    expect(buttonsOf(currentCard(second.card!))).toEqual([]);
    expect(text).toContain(`第4行 #${no['吴阴']}`);
    expect((await t.db.db.select().from(caseAlerts)).length).toBe(2);
  });

  it('reads the result of a sample taken today, in a csv with header variants and date-times, from a sampler in any chat', async () => {
    await g.say(`/登记 孔今 ${idFor(20)} 13900000020 居家隔离 今天`, { from: CADRE, chatId: DONGFENG });
    const [c] = await t.db.db.select().from(cases).where(eq(cases.idNumberHash, t.cipher.lookupHash(idFor(20))));
    no['孔今'] = c!.id;
    await g.say(`/采样 #${c!.id}`, { from: SAMPLER, chatId: DONGFENG });
    const csv = ['检测结果,证件号码,受检者姓名,采样时间', `阴性（-）,${idFor(20)},孔今,2026-11-23 08:30`].join('\r\n');
    const { card } = await importResults([], { from: SAMPLER, chatId: DONGFENG, fileName: '结果.csv', bytes: Buffer.from(csv) });
    expect(textOf(currentCard(card!))).toContain('可录入 1 条，未匹配 0 条');
    await pressOn(card!, '录入', SAMPLER);
    expect(await testOf('孔今', '2026-11-23')).toMatchObject({ status: 'done', result: 'negative', completedBy: SAMPLER });
  });

  it('取消 drops the preview and its rows; nothing is entered', async () => {
    await g.say(`/登记 曹消 ${idFor(21)} 13900000021 居家隔离 今天`, { from: CADRE, chatId: DONGFENG });
    const [c] = await t.db.db.select().from(cases).where(eq(cases.idNumberHash, t.cipher.lookupHash(idFor(21))));
    no['曹消'] = c!.id;
    await g.say(`/采样 #${c!.id}`, { from: SAMPLER, chatId: DONGFENG });
    const { card, file } = await importResults([HEADER, ['曹消', idFor(21), '2026-11-23', '阳性']]);
    expect(textOf(currentCard(card!))).toContain('可录入 1 条，未匹配 0 条');
    const res = await pressOn(card!, '取消');
    expect(res.toast?.content).toBe('已取消录入。');
    expect(textOf(res.card)).toContain('已取消，没有录入任何结果。');
    const late = await press(t, { operator: TASK_FORCE, chatId: TESTING, messageId: card!.messageId, value: { action: 'import.confirm', importId: await lastImportId() } });
    expect(late.toast?.content).toBe('这次结果导入已取消。');
    expect(await testOf('曹消', '2026-11-23')).toMatchObject({ status: 'sampled', result: null });
    expect((await t.db.db.select().from(imports).where(eq(imports.id, await lastImportId())))[0]).toMatchObject({ status: 'cancelled', sealedRows: null });
    // Replying /结果导入 to the file makes a new preview of it.
    const replied = await sayReplying(t, '/结果导入', { from: TASK_FORCE, chatId: TESTING, parentId: file.messageId });
    expect(replied.replies[0]).toContain('正在读取检测结果');
    expect(textOf(JSON.parse(replied.replies[1]!))).toContain('可录入 1 条');
  });

  it('refuses cadres and village doctors, naming who may; a file without the result columns is explained', async () => {
    for (const who of [CADRE, DOCTOR]) {
      const { replies, card } = await importResults([HEADER], { from: who, chatId: DONGFENG });
      expect(replies).toEqual(['只有核酸检测专班群里的成员、采样员（卫生院）、组长或管理员可以导入检测结果。']);
      expect(card).toBeUndefined();
    }
    const missing = await importResults([['姓名', '身份证号', '采样日期'], ['周阴', idOf['周阴']!, YESTERDAY]]);
    expect(missing.replies.at(-1)).toBe('结果表缺少这些列：结果。请补上列名后重新发送。');
    const none = await g.say('/结果导入', { from: 'ou_lab_nofile', chatId: TESTING });
    expect(none.replies[0]).toContain('没有找到你最近24小时内在本群发的文件');
    expect(none.replies[0]).toContain('/结果导入');
  });

  it('expires an undecided preview after 24 hours with the results wording', async () => {
    const { card } = await importResults([HEADER, ['沈名', idOf['沈名']!, YESTERDAY, '阴性']]);
    expect(textOf(currentCard(card!))).toContain('可录入 1 条');
    t.clock.now = new Date(t.clock.now.getTime() + 25 * 3600_000);
    await t.settle();
    expect(textOf(currentCard(card!))).toContain('结果导入已过期');
    expect(textOf(currentCard(card!))).toContain('/结果导入');
    expect(await testOf('沈名')).toMatchObject({ status: 'sampled', result: null });
  });

  it('never shows a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
