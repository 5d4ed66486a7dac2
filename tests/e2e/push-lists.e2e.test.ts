import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, pushRows, transfers } from '../../src/db/schema';
import { addDays } from '../../src/domain/dates';
import { retention } from '../../jobs/retention';
import { fireOn } from '../../src/domain/schedule';
import { supervisionReport } from '../../src/services/supervision-report';
import { currentCard, findButton, press, type PressResult, textOf } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { readXlsx, sendFile, xlsxOf } from '../helpers/files';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_push_admin_p2p';
const HQ = 'oc_push_hq';
const DONGFENG = 'oc_push_dongfeng';
const HONGQI = 'oc_push_hongqi';
const XINGFU = 'oc_push_xingfu';
const TRACING = 'oc_push_tracing';
const LEAD = 'ou_push_lead';
const CADRE = 'ou_push_cadre';
const CADRE2 = 'ou_push_cadre2';
const HONGQI_CADRE = 'ou_push_hongqi_cadre';
const TRACER = 'ou_push_tracer';
const TZ = 'Asia/Shanghai';

const HEADER = ['序号', '姓名', '身份证号', '手机号', '类型', '涉及地区', '时间', '住址', '村', '批次'];
const idFor = (n: number) => validId(`110105${addDays('1960-01-01', n).replaceAll('-', '')}002`);
const phoneFor = (n: number) => `137${String(n).padStart(8, '0')}`;
const TYPES = ['密接', '次密接', '时空伴随', '重点地区返乡', ''];
const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';

/**
 * The county's list: 10 rows of 东风村 (村 column), 8 of 红旗村 (only the address says so), 6 of
 * 幸福村, 2 no village can be read from, 2 people already managed, a bad ID, an unknown type.
 */
function countyList(): (string | number)[][] {
  const rows: (string | number)[][] = [['某县疫情防控指挥部推送名单'], HEADER];
  const row = (n: number, village: string, address: string, type = TYPES[n % TYPES.length]!, id = idFor(n)) =>
    rows.push([n, `${NAMES[n - 1]}${n % 2 ? '明' : '丽'}`, id, phoneFor(n), type, '某市某区', '11月30日', address, village, '县推第12批']);
  for (let n = 1; n <= 10; n++) row(n, '东风村', `东风村${n}组`);
  for (let n = 11; n <= 18; n++) row(n, '', `红旗村三组${n}号`);
  for (let n = 19; n <= 24; n++) row(n, '幸福村', `幸福村${n}号`);
  row(25, '火星村', '火星村1号');
  row(26, '', '县城某小区');
  row(27, '东风村', '东风村27组'); // registered before the push
  row(28, '红旗村', '红旗村28号'); // registered before the push
  row(29, '东风村', '东风村29组', '密接', idFor(29).slice(0, 17) + (idFor(29).endsWith('0') ? '1' : '0'));
  row(30, '东风村', '东风村30组', '外星人');
  return rows;
}

describe('lists pushed from above (/下发), checked the same day (日推日清, 001 篇二 §7)', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  let fileBytes: Buffer;
  const at = (iso: string) => {
    t.clock.now = new Date(iso);
  };
  const sentTo = (chatId: string) => t.fake.messages.filter((m) => m.receiveId === chatId && !m.replyTo);
  const textsTo = (chatId: string) => sentTo(chatId).filter((m) => m.msgType === 'text').map((m) => String((m.parsedContent as { text: string }).text));
  const checkCard = (chatId: string): FakeMessage => {
    const found = sentTo(chatId).filter((m) => m.msgType === 'interactive' && /^(待核查|核查完成) · /.test(textOf(currentCard(m))));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  // Person n of the list is on sheet row n + 2 (a title line, then the header), as the county's file numbers it.
  const rowOf = async (n: number) => (await t.db.db.select().from(pushRows).where(eq(pushRows.rowNo, n + 2)))[0]!;
  const pressRow = async (chatId: string, operator: string, n: number, text: string): Promise<PressResult> => {
    const m = checkCard(chatId);
    const row = await rowOf(n);
    return press(t, { operator, chatId, messageId: m.messageId, value: findButton(currentCard(m), text, { rowId: row.id }).value });
  };
  const submit = (chatId: string, operator: string, asked: PressResult, text: string, formValue: Record<string, unknown>) =>
    press(t, { operator, chatId, messageId: checkCard(chatId).messageId, value: findButton(asked.card, text).value, formValue });

  async function pushFile(from: string, chatId: string, arg = '') {
    g.groups.add(chatId);
    await sendFile(t, { from, chatId, fileName: '推送名单.xlsx', bytes: fileBytes });
    const before = t.fake.messages.length;
    const { replies, messageId } = await g.say(`/下发${arg ? ` ${arg}` : ''}`, { from, chatId });
    const card = t.fake.messages.slice(before).find((m) => m.replyTo === messageId && m.msgType === 'interactive');
    return { replies, card };
  }

  beforeAll(async () => {
    // Strict: in a village group only its granted cadres are its cadres (the default policy).
    t = await startTestApp({ now: '2026-12-02T09:00:00+08:00', strictCadres: true });
    fileBytes = await xlsxOf(countyList());
    await t.say('/村 添加 东风村,红旗村,幸福村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 村 幸福村', { from: ADMIN, chatId: XINGFU });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await g.say('/隔离点 添加 县隔离酒店', { from: ADMIN, chatId: HQ });
    const grant = (who: string, name: string, role: string) =>
      t.say(`/角色 @_user_2 ${role}`, { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: who, name }] });
    await grant(LEAD, '周组长', '组长');
    await grant(CADRE, '陈干部', '村干部 东风村');
    await grant(CADRE2, '吴干部', '村干部 东风村');
    await grant(HONGQI_CADRE, '刘干部', '村干部 红旗村');
    // Two people of the list were found and registered before it came.
    await g.say(`/登记 蒋丽 ${idFor(27)} ${phoneFor(27)} 居家隔离`, { from: CADRE, chatId: DONGFENG });
    await g.say(`/登记 沈明 ${idFor(28)} ${phoneFor(28)} 居家隔离`, { from: HONGQI_CADRE, chatId: HONGQI });
  });
  afterAll(() => t.close());

  it('is for leads, admins and the 流调溯源 group; a bad deadline is explained and nothing is queued', async () => {
    expect((await g.say('/下发', { from: CADRE, chatId: DONGFENG })).replies[0]).toBe('只有组长、管理员或流调溯源专班群可以下发名单。');
    expect((await g.say('/下发 晚上', { from: LEAD, chatId: HQ })).replies[0]).toContain('看不懂「晚上」：截止时间写成 /下发 18:00');
    expect((await g.say('/下发 08:00', { from: LEAD, chatId: HQ })).replies[0]).toBe('截止时间 08:00 已经过了：请写今天稍后的时间，或不写（今天24:00前）。');
    expect((await g.say('/下发', { from: LEAD, chatId: HQ })).replies[0]).toContain('没有找到你最近发的名单文件');
    await g.say('/绑定 专班 流调溯源', { from: ADMIN, chatId: TRACING });
    const { replies } = await pushFile(TRACER, TRACING);
    expect(replies[0]).toContain('正在读取“推送名单.xlsx”');
  });

  it('previews the list by village: unassigned rows, people already managed, rows with errors', async () => {
    const { card } = await pushFile(LEAD, HQ);
    const text = textOf(currentCard(card!));
    expect(text).toContain('下发预览 · 县推第12批');
    expect(text).toContain('可下发 26 人，已在管 2 人，有误 2 行（不下发）');
    expect(text).toContain('各村：东风村 10 · 红旗村 8 · 幸福村 6 · 未分配村 2');
    expect(text).toContain('核查截止：12月2日24:00');
    expect(text).not.toContain('还没有绑定村群');
    expect(text).toMatch(/第29行 #\d+、第30行 #\d+/);
    expect(text).toContain('第31行（金*）：');
    expect(text).toContain('第32行（魏*）：类型“外星人”不认识（可写：密接、次密接、时空伴随、重点地区返乡、其他）');
    const pushed = await press(t, { operator: LEAD, chatId: HQ, messageId: card!.messageId, value: findButton(currentCard(card!), '下发').value });
    expect(pushed.toast?.content).toBe('正在下发…');
    await t.settle();
    const done = textOf(currentCard(card!));
    expect(done).toContain('下发 · 县推第12批 · 截止12月2日24:00');
    expect(done).toContain('已核查 2/28 人');
    expect(done).toContain('待选村 2 人（选村后发到该村）：');
  });

  it('posts each village its 待核查 card, masked, with the four decisions per row', async () => {
    const dongfeng = textOf(currentCard(checkCard(DONGFENG)));
    expect(dongfeng).toContain('待核查 · 东风村 · 10人（12月2日24:00前）');
    expect(dongfeng).toContain('第3行 赵*　次密接　涉及：某市某区　时间：11月30日　住址：东风村**');
    expect(dongfeng).toContain('第29行 严*　已管控 #');
    expect(textOf(currentCard(checkCard(HONGQI)))).toContain('待核查 · 红旗村 · 8人');
    expect(textOf(currentCard(checkCard(XINGFU)))).toContain('待核查 · 幸福村 · 6人');
    for (const b of ['在本村·登记', '不在本村', '已管控', '转交']) findButton(currentCard(checkCard(DONGFENG)), b, { rowId: (await rowOf(2)).id });
  });

  it('在本村·登记 opens a form prefilled from the row; submitting registers as /登记 does, a 密接 with its transfer, once', async () => {
    const asked = await pressRow(DONGFENG, CADRE, 5, '在本村·登记');
    expect(asked.toast?.content).toBe('请核对后点“登记”。');
    const form = JSON.stringify(asked.card);
    expect(form).toContain('"initial_option":"close_contact"');
    expect(form).toContain('不填即用名单上的 137****0005');
    const ok = await submit(DONGFENG, CADRE, asked, '登记', { category: 'close_contact', startDate: '', address: '', phone: '' });
    expect(ok.toast?.content).toMatch(/^已登记 #\d+。$/);
    const caseNo = Number(/#(\d+)/.exec(ok.toast!.content)![1]);
    const c = (await t.db.db.select().from(cases).where(eq(cases.id, caseNo)))[0]!;
    expect([c.category, c.villageId !== null, c.isolationPointId]).toEqual(['close_contact', true, null]);
    expect((await t.db.db.select().from(transfers).where(eq(transfers.caseId, caseNo))).map((x) => x.status)).toEqual(['requested']);
    expect(textOf(currentCard(checkCard(DONGFENG)))).toContain(`第7行 周*　已登记 #${caseNo}`);
    expect(sentTo(DONGFENG).some((m) => m.msgType === 'interactive' && textOf(currentCard(m)).includes(`已登记 #${caseNo}`) && textOf(currentCard(m)).includes('密接'))).toBe(true);
    // The second cadre had the form open too: one registration.
    const late = await submit(DONGFENG, CADRE2, asked, '登记', { category: 'close_contact', startDate: '', address: '', phone: '' });
    expect(late.toast?.content).toBe(`该行已核查：已登记 #${caseNo}。`);
  });

  it('a bad date or phone in the form is explained and changes nothing', async () => {
    const asked = await pressRow(DONGFENG, CADRE, 4, '在本村·登记');
    expect((await submit(DONGFENG, CADRE, asked, '登记', { category: 'home_isolation', startDate: '昨儿', address: '', phone: '' })).toast?.content).toBe('看不懂开始日期“昨儿”：写成 12月2日 或 2026-12-02。');
    expect((await submit(DONGFENG, CADRE, asked, '登记', { category: 'home_isolation', startDate: '', address: '', phone: '1390000' })).toast?.content).toBe('手机号“1390000”不是11位手机号。');
    expect((await rowOf(4)).status).toBe('pending');
    const ok = await submit(DONGFENG, CADRE, asked, '登记', { category: 'home_isolation', startDate: '12月1日', address: '东风村4组东头', phone: '13911112222' });
    expect(ok.toast?.content).toMatch(/^已登记 #\d+。$/);
  });

  it('不在本村 records where, 已管控 links the person’s own case only, and a village may not decide another’s rows', async () => {
    const away = await pressRow(DONGFENG, CADRE, 2, '不在本村');
    expect(JSON.stringify(away.card)).toContain('外出务工');
    expect((await submit(DONGFENG, CADRE, away, '确认不在本村', { reason: '外出务工', note: '在杭州，已告知当地' })).toast?.content).toBe('已记录。');
    expect(textOf(currentCard(checkCard(DONGFENG)))).toContain('第4行 钱*　不在本村：外出务工，在杭州，已告知当地');

    const managed = await pressRow(DONGFENG, CADRE, 3, '已管控');
    expect((await submit(DONGFENG, CADRE, managed, '确认已管控', { caseNo: '十二' })).toast?.content).toBe('看不懂编号“十二”：写成 #12。');
    const other = (await rowOf(27)).caseId!;
    expect((await submit(DONGFENG, CADRE, managed, '确认已管控', { caseNo: `#${other}` })).toast?.content).toBe(`#${other} 的身份证号与名单上的不同，不是同一人。`);
    expect((await rowOf(3)).status).toBe('pending');

    const foreign = await pressRow(DONGFENG, HONGQI_CADRE, 6, '不在本村');
    expect(foreign.toast?.content).toBe('只有东风村的村干部或组长可以核查本村名单。');
  });

  it('转交 moves a row to another village’s card; the lead places an unassigned row', async () => {
    const asked = await pressRow(DONGFENG, CADRE, 7, '转交');
    const moved = await submit(DONGFENG, CADRE, asked, '确认转交', { village: '红旗村' });
    expect(moved.toast?.content).toBe('已转交红旗村。');
    expect(textOf(currentCard(checkCard(DONGFENG)))).toContain('第9行 郑*　已转交红旗村');
    const hongqi = textOf(currentCard(checkCard(HONGQI)));
    expect(hongqi).toContain('待核查 · 红旗村 · 9人');
    expect(hongqi).toContain('第9行 郑*　时空伴随');
    expect(hongqi).toContain('（东风村转来）');

    const batchCard = t.fake.messages.filter((m) => (m.chatId ?? m.receiveId) === HQ).find((m) => m.msgType === 'interactive' && textOf(currentCard(m)).startsWith('下发 · 县推第12批'))!;
    const row25 = await rowOf(25);
    const assign = findButton(currentCard(batchCard), '发到该村', { rowId: row25.id });
    expect((await press(t, { operator: CADRE, chatId: HQ, messageId: batchCard.messageId, value: assign.value, formValue: { [`village_${row25.id}`]: '幸福村' } })).toast?.content).toBe('只有下发人、组长或管理员可以给名单选村。');
    expect((await press(t, { operator: LEAD, chatId: HQ, messageId: batchCard.messageId, value: assign.value, formValue: { [`village_${row25.id}`]: '幸福村' } })).toast?.content).toBe('已发到幸福村。');
    expect(textOf(currentCard(checkCard(XINGFU)))).toContain('待核查 · 幸福村 · 7人');
    expect(textOf(currentCard(batchCard))).toContain('待选村 1 人');
  });

  it('a second /下发 of the same list pushes nobody twice', async () => {
    const { card } = await pushFile(LEAD, HQ);
    const text = textOf(currentCard(card!));
    expect(text).toContain('可下发 0 人，已下发过 28 人（不再重复）');
    expect(text).toContain('没有可下发的人员。');
    expect((await t.db.db.select().from(pushRows)).length).toBe(28);
  });

  it('reminds villages with rows left before the deadline, tells HQ of 漏核查 at it, and sends the lead the result sheet', async () => {
    const hqTexts = () => textsTo(HQ);
    at('2026-12-02T19:59:00+08:00');
    await t.settle();
    expect(textsTo(DONGFENG).some((x) => x.includes('待核查提醒'))).toBe(false);
    at('2026-12-02T20:00:00+08:00');
    await t.settle();
    const reminder = textsTo(DONGFENG).filter((x) => x.includes('待核查提醒'));
    expect(reminder).toHaveLength(1);
    expect(reminder[0]).toContain(`<at user_id="${CADRE}"></at>`);
    expect(reminder[0]).toContain('“县推第12批”东风村还有 6 人没有核查，截止 12月2日24:00。');
    at('2026-12-02T20:30:00+08:00');
    await t.settle();
    expect(textsTo(DONGFENG).filter((x) => x.includes('待核查提醒'))).toHaveLength(1);
    at('2026-12-02T23:00:00+08:00');
    await t.settle();
    expect(textsTo(DONGFENG).filter((x) => x.includes('待核查提醒'))).toHaveLength(2);
    expect(hqTexts().some((x) => x.startsWith('漏核查'))).toBe(false);

    const filesBefore = t.fake.files.length;
    at('2026-12-03T00:00:30+08:00');
    await t.settle();
    const missed = hqTexts().filter((x) => x.startsWith('漏核查'));
    expect(missed).toHaveLength(1);
    expect(missed[0]).toContain('“县推第12批”截止 12月2日24:00：共 23 人未核查');
    expect(missed[0]).toContain('东风村 6 人：');
    expect(missed[0]).toContain('未分配村 1 人：');
    const files = t.fake.files.slice(filesBefore);
    expect(files).toHaveLength(1);
    const sheet = (await readXlsx(files[0]!.bytes)).get('核查结果')!;
    expect(sheet[0]).toEqual(['行号', '姓名', '身份证号', '类型', '村', '核查结果', '说明', '核查人', '核查时间']);
    expect(sheet).toHaveLength(29);
    const row2 = sheet.find((r) => r[0] === 4)!;
    expect(row2.slice(1, 9)).toEqual(['钱*', expect.stringMatching(/^\d{6}\*+\d{4}$/), '时空伴随', '东风村', '不在本村', '不在本村：外出务工，在杭州，已告知当地', '陈干部', '12月2日 09:00']);
    expect(sheet.filter((r) => r[5] === '未核查')).toHaveLength(23);

    at('2026-12-03T08:30:00+08:00');
    const report = await supervisionReport(t.db.db, { date: '2026-12-02', now: t.clock.now, policy: t.hw.policy, timeZone: TZ });
    expect(report.villages.find((v) => v.name === '东风村')?.unchecked).toBe(6);
    // The 密接 registered at 09:00 was not handed over by 17:00 ("8小时内", 001 篇二 §26).
    expect(report.villages.find((v) => v.name === '东风村')?.lateTransfers).toBe(1);
    expect(report.villages.find((v) => v.name === '红旗村')?.lateTransfers).toBe(0);
  });

  it('warns in the preview of a village whose card would reach nobody (no group bound)', async () => {
    await t.say('/村 添加 向阳村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    const bytes = await xlsxOf([['姓名', '身份证号', '村', '批次'], ['杨明', idFor(40), '向阳村', '县推第13批']]);
    await sendFile(t, { from: LEAD, chatId: HQ, fileName: '第13批.xlsx', bytes });
    const before = t.fake.messages.length;
    const { messageId } = await g.say('/下发', { from: LEAD, chatId: HQ });
    const card = t.fake.messages.slice(before).find((m) => m.replyTo === messageId && m.msgType === 'interactive')!;
    expect(textOf(currentCard(card))).toContain('向阳村还没有绑定村群，收不到待核查卡片：请管理员在该村工作群发 /绑定 村 向阳村。');
  });

  it('keeps the list’s people no longer than the retention after the deadline: the rows and outcomes stay', async () => {
    at('2027-01-01T03:30:00+08:00');
    expect((await t.hw.jobRunner.runFire(retention, fireOn('2027-01-01', '03:30', TZ), 'schedule')).result!.pushedPeople).toBe(0);
    at('2027-01-02T03:30:00+08:00');
    expect((await t.hw.jobRunner.runFire(retention, fireOn('2027-01-02', '03:30', TZ), 'schedule')).result!.pushedPeople).toBe(28);
    const rows = await t.db.db.select().from(pushRows);
    expect(new Set(rows.map((r) => r.personEnc))).toEqual(new Set(['purged']));
    expect(rows.filter((r) => r.status === 'registered')).toHaveLength(2);
  });

  it('puts no full ID or phone in any group', () => {
    g.expectNoLeaks();
  });
});
