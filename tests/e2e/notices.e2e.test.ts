import crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { loadConfig } from '../../src/config';
import { auditLog, cases, outbox } from '../../src/db/schema';
import { DEFAULT_POLICY_PATH } from '../../src/domain/policy';
import { createHomewatch } from '../../src/homewatch';
import { currentCard, findButton, press } from '../helpers/cards';
import { readDocx, sendFile, xlsxOf } from '../helpers/files';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { createTestDatabase } from '../helpers/test-db';
import { validId, watchGroups } from './group-privacy';

const DONGFENG = 'oc_ntc_dongfeng';
const HONGQI = 'oc_ntc_hongqi';
const HQ = 'oc_ntc_hq';
const ADMIN_P2P = 'oc_ntc_admin_p2p';
const CADRE = 'ou_ntc_cadre';
const HONGQI_CADRE = 'ou_ntc_hongqi_cadre';
const LEAD = 'ou_ntc_lead';

const PEOPLE = {
  张三: { id: validId('11010519491231002'), phone: '13812345678' },
  李四: { id: validId('11010519500101003'), phone: '13812345679' },
  王五: { id: validId('11010519510202004'), phone: '13812345670' },
  赵六: { id: validId('11010519520303005'), phone: '13812345671' },
  孙七: { id: validId('11010519530404006'), phone: '13812345672' },
  周八: { id: validId('11010519540505007'), phone: '13812345673' },
  吴九: { id: validId('11010519550606008'), phone: '13812345674' },
  郑十: { id: validId('11010519560707009'), phone: '13812345675' },
  冯一: { id: validId('11010519570808000'), phone: '13812345676' },
  陈二: { id: validId('11010519580909001'), phone: '13812345677' },
  卫三: { id: validId('11010519591010002'), phone: '13812345680' },
} as const;
type Name = keyof typeof PEOPLE;

const at = (openId: string) => `<at user_id="${openId}"></at>`;

describe('告知书 (notices) end to end: a .docx privately to who hands it over, a masked line in the group', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Partial<Record<Name, number>> = {};

  /** The files the bot sent since message `since`, read back as Word documents. */
  async function filesSince(since: number) {
    const sent = t.fake.messages.slice(since).filter((m) => m.msgType === 'file');
    return Promise.all(
      sent.map(async (m) => {
        const file = t.fake.files.find((f) => f.fileKey === (m.parsedContent as { file_key: string }).file_key)!;
        return { to: m.receiveId, toType: m.receiveIdType, fileName: file.fileName, fileType: file.fileType, pages: await readDocx(file.bytes) };
      }),
    );
  }
  const linesSince = (since: number, chatId: string) =>
    t.fake.messages
      .slice(since)
      .filter((m) => m.chatId === chatId && !m.replyTo && m.msgType === 'text')
      .map((m) => (m.parsedContent as { text: string }).text);
  async function register(name: Name, rest: string, from = CADRE, chatId = DONGFENG) {
    const since = t.fake.messages.length;
    const { replies } = await g.say(`/登记 ${name} ${PEOPLE[name].id} ${PEOPLE[name].phone} ${rest}`, { from, chatId });
    expect(replies.join('\n')).toContain('已登记');
    no[name] = await caseNumberOf(name);
    return since;
  }
  async function caseNumberOf(name: Name): Promise<number> {
    const [row] = await t.db.db.select({ id: cases.id }).from(cases).where(eq(cases.idNumberHash, t.cipher.lookupHash(PEOPLE[name].id)));
    return row!.id;
  }
  const noticeAudits = (caseId: number) =>
    t.db.db.select().from(auditLog).where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'notice.sent'))).orderBy(auditLog.id);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-16T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: LEAD, name: '王组长' }] });
  });
  afterAll(() => t.close());

  it('居家隔离: at registration the 居家隔离告知书 goes privately to the registering cadre, with the full name, ID and period', async () => {
    const since = await register('张三', '居家隔离 今天 幸福路8号');
    const files = await filesSince(since);
    expect(files.map(({ pages, ...f }) => f)).toEqual([
      { to: CADRE, toType: 'open_id', fileName: `居家隔离告知书_${no.张三}号_2026-11-16.docx`, fileType: 'doc' },
    ]);
    const [page, ...more] = files[0]!.pages;
    expect(more).toEqual([]);
    expect(page![0]).toBe('居家隔离告知书');
    expect(page![1]).toBe(`张三（身份证号：${PEOPLE.张三.id}）：`);
    expect(page).toContain('根据疫情防控工作要求，您需实行居家隔离，期限7天，自2026年11月16日起至2026年11月22日止。');
    expect(page!.slice(-5, -2)).toEqual(['本镇疫情防控指挥部', '东风村', '2026年11月16日']);

    expect(linesSince(since, DONGFENG)).toEqual([`#${no.张三} 张* 居家隔离告知书已私信发给 ${at(CADRE)}，请打印后送达本人。`]);
    const [audit, ...others] = await noticeAudits(no.张三!);
    expect(others).toEqual([]);
    expect(audit).toMatchObject({ actorOpenId: CADRE, chatId: DONGFENG, after: { notice: 'home_isolation', recipient: CADRE, fileName: files[0]!.fileName } });
  });

  it('keeps a notice owed during a Lark outage, sealed, and sends it when Lark is back', async () => {
    t.fake.failWhile((req) => (req.path.startsWith('/open-apis/im/v1/files') ? { status: 503, body: { code: 1, msg: 'unavailable' } } : null));
    const since = await register('卫三', '居家隔离 今天');
    expect(await filesSince(since)).toEqual([]);
    const waiting = await t.db.db.select({ operation: outbox.operation, contentEnc: outbox.contentEnc }).from(outbox).where(and(eq(outbox.status, 'pending'), sql`${outbox.operation}->>'kind' = 'file'`));
    expect(waiting).toHaveLength(1);
    expect(JSON.stringify(waiting[0])).not.toMatch(/卫三|110105/);
    expect(t.cipher.decrypt(waiting[0]!.contentEnc!)).toMatch(/^UEsDB/); // base64 of a zip ("PK\x03\x04")

    t.fake.clearFaults();
    t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
    await t.settle();
    const [file, ...more] = await filesSince(since);
    expect(more).toEqual([]);
    expect(file).toMatchObject({ to: CADRE, fileName: `居家隔离告知书_${no.卫三}号_2026-11-16.docx` });
    expect(file!.pages[0]![1]).toBe(`卫三（身份证号：${PEOPLE.卫三.id}）：`);
  });

  it('三天三检 and 三天两检: the 居家健康管理告知书 at the start (004 篇五)', async () => {
    for (const [name, category, end] of [
      ['李四', '三天三检', '2026年11月18日'],
      ['王五', '三天两检', '2026年11月18日'],
    ] as const) {
      const since = await register(name, `${category} 今天`);
      const [file, ...more] = await filesSince(since);
      expect(more).toEqual([]);
      expect(file).toMatchObject({ to: CADRE, fileName: `居家健康管理告知书_${no[name]}号_2026-11-16.docx` });
      expect(file!.pages).toHaveLength(1);
      expect(file!.pages[0]![1]).toBe(`${name}（身份证号：${PEOPLE[name].id}）：`);
      expect(file!.pages[0]).toContain(`根据疫情防控工作要求，您需实行居家健康管理（${category}），期限3天，自2026年11月16日起至${end}止。`);
      expect(linesSince(since, DONGFENG)).toEqual([`#${no[name]} ${name[0]}* 居家健康管理告知书已私信发给 ${at(CADRE)}，请打印后送达本人。`]);
      expect(await noticeAudits(no[name]!)).toHaveLength(1);
    }
  });

  it('其他来返 gets no notice; 集中隔离 none at the start', async () => {
    for (const [name, category, from, chatId] of [
      ['赵六', '其他来返', CADRE, DONGFENG],
      ['孙七', '集中隔离', HONGQI_CADRE, HONGQI],
    ] as const) {
      const since = await register(name, `${category} 今天`, from, chatId);
      expect(await filesSince(since)).toEqual([]);
      expect(linesSince(since, chatId)).toEqual([]);
      expect(await noticeAudits(no[name]!)).toEqual([]);
    }
  });

  it('解除: the 解除隔离告知书 goes to the registering cadre, whoever releases; the reply and the village group name them', async () => {
    t.clock.now = new Date('2026-11-18T10:00:00+08:00');
    for (const [name, cadre, chatId, category, end] of [
      ['张三', CADRE, DONGFENG, '居家隔离', '2026年11月22日'],
      ['孙七', HONGQI_CADRE, HONGQI, '集中隔离', '2026年11月22日'],
    ] as const) {
      const since = t.fake.messages.length;
      const { replies } = await g.say(`/解除 #${no[name]} 强制 县指挥部通知提前解除`, { from: LEAD, chatId: HQ });
      expect(replies).toEqual([`#${no[name]} ${name[0]}* 已解除管控（11月18日）。解除隔离告知书已私信发给 ${at(cadre)}。`]);
      const [file, ...more] = await filesSince(since);
      expect(more).toEqual([]);
      expect(file).toMatchObject({ to: cadre, toType: 'open_id', fileName: `解除隔离告知书_${no[name]}号_2026-11-18.docx` });
      const [page] = file!.pages;
      expect(page![0]).toBe('解除隔离告知书');
      expect(page![1]).toBe(`${name}（身份证号：${PEOPLE[name].id}）：`);
      expect(page![2]).toBe(
        `您自2026年11月16日起实行${category}，管控期至${end}，共7天。根据疫情防控有关规定，经${chatId === DONGFENG ? '东风村' : '红旗村'}汇总上报、本镇疫情防控指挥部审核同意，自2026年11月18日起解除${category}。`,
      );
      expect(linesSince(since, chatId)).toEqual([`#${no[name]} ${name[0]}* 解除隔离告知书已私信发给 ${at(cadre)}，请打印后送达本人。`]);
      expect(linesSince(since, HQ)).toEqual([]);
      expect((await noticeAudits(no[name]!)).at(-1)).toMatchObject({ actorOpenId: LEAD, chatId: HQ, after: { notice: 'release', recipient: cadre } });
    }
  });

  it('解除 of a category whose notice came at the start sends nothing more', async () => {
    const since = t.fake.messages.length;
    const { replies } = await g.say(`/解除 #${no.李四} 强制 县指挥部通知提前解除`, { from: LEAD, chatId: HQ });
    expect(replies).toEqual([`#${no.李四} 李* 已解除管控（11月18日）。`]);
    expect(await filesSince(since)).toEqual([]);
    expect(linesSince(since, DONGFENG)).toEqual([]);
    expect(await noticeAudits(no.李四!)).toHaveLength(1);
  });

  it('/导入: one file per village and notice, each person on their own page, to the importer; one line per file', async () => {
    const rows = [
      ['姓名', '身份证号', '手机号', '类别', '开始日期', '村', '地址'],
      ...([
        ['周八', '居家隔离', '东风村'],
        ['吴九', '居家隔离', '东风村'],
        ['郑十', '居家隔离', '红旗村'],
        ['冯一', '三天两检', '东风村'],
        ['陈二', '其他来返', '东风村'],
      ] as const).map(([name, category, village]) => [name, PEOPLE[name].id, PEOPLE[name].phone, category, '2026-11-18', village, '幸福路1号']),
    ];
    await sendFile(t, { from: LEAD, chatId: HQ, fileName: '名单.xlsx', bytes: await xlsxOf(rows) });
    const { messageId } = await g.say('/导入', { from: LEAD, chatId: HQ });
    const preview = t.fake.messages.find((m) => m.replyTo === messageId && m.msgType === 'interactive')!;
    const since = t.fake.messages.length;
    await press(t, { operator: LEAD, chatId: HQ, messageId: preview.messageId, value: findButton(currentCard(preview), '导入').value });
    for (const name of ['周八', '吴九', '郑十', '冯一', '陈二'] as const) no[name] = await caseNumberOf(name);

    const files = await filesSince(since);
    const byName = new Map(files.map((f) => [f.fileName, f]));
    expect([...byName.keys()].sort()).toEqual(['居家健康管理告知书_' + no.冯一 + '号_2026-11-18.docx', '居家隔离告知书_东风村_2份_2026-11-18.docx', '居家隔离告知书_' + no.郑十 + '号_2026-11-18.docx'].sort());
    expect(files.every((f) => f.to === LEAD && f.toType === 'open_id')).toBe(true);
    const both = byName.get('居家隔离告知书_东风村_2份_2026-11-18.docx')!.pages;
    expect(both.map((p) => p[1])).toEqual([`周八（身份证号：${PEOPLE.周八.id}）：`, `吴九（身份证号：${PEOPLE.吴九.id}）：`]);
    expect(both.every((p) => p.includes('根据疫情防控工作要求，您需实行居家隔离，期限7天，自2026年11月18日起至2026年11月24日止。'))).toBe(true);

    expect(linesSince(since, DONGFENG).sort()).toEqual(
      [
        `#${no.周八} 周*、#${no.吴九} 吴* 的居家隔离告知书已私信发给 ${at(LEAD)}，请打印后送达本人。`,
        `#${no.冯一} 冯* 居家健康管理告知书已私信发给 ${at(LEAD)}，请打印后送达本人。`,
      ].sort(),
    );
    expect(linesSince(since, HONGQI)).toEqual([`#${no.郑十} 郑* 居家隔离告知书已私信发给 ${at(LEAD)}，请打印后送达本人。`]);
    for (const name of ['周八', '吴九', '郑十', '冯一'] as const) {
      expect(await noticeAudits(no[name]!), name).toMatchObject([{ actorOpenId: LEAD, after: { recipient: LEAD } }]);
    }
    expect(await noticeAudits(no.陈二!)).toEqual([]);
  });

  it('never shows a full name, ID number or phone in a group', () => {
    g.expectNoLeaks();
    const inGroups = t.fake.messages.filter((m) => m.chatId !== undefined && g.groups.has(m.chatId)).map((m) => [m.content, ...m.patches].join('\n'));
    for (const name of Object.keys(PEOPLE)) expect(inGroups.filter((c) => c.includes(name)), name).toEqual([]);
  });
});

describe('a policy whose notice wording uses an unknown placeholder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'homewatch-notice-policy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops the start with a message naming the field', async () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.notices.home_isolation.greeting = '{姓名}（身份证号：{idNumber}）：';
    const policyFile = join(dir, 'policy.yaml');
    writeFileSync(policyFile, stringify(data));
    const database = await createTestDatabase();
    try {
      const config = loadConfig({ HOMEWATCH_POLICY_FILE: policyFile, HOMEWATCH_DATA_KEY: crypto.randomBytes(32).toString('base64') });
      await expect(createHomewatch({ config, database, logger: pino({ level: 'silent' }) })).rejects.toThrow(
        /Invalid policy file .*policy\.yaml:\n {2}- notices\.home_isolation\.greeting: unknown placeholder \{姓名\}/,
      );
    } finally {
      await database.drop();
    }
  });
});
