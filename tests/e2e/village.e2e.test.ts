import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, villages } from '../../src/db/schema';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_village_admin';
const ADMIN_GROUP = 'oc_village_admins';

describe('/village (/村) end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const names = async () => (await t.db.db.select().from(villages).orderBy(villages.id)).map((v) => v.name);
  const audits = () => t.db.db.select().from(auditLog).where(eq(auditLog.action, 'village.add')).orderBy(auditLog.id);
  const asAdmin = (text: string) => t.say(text, { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('lists no villages at first and tells how to add them', async () => {
    const { replies } = await asAdmin('/村 列表');
    expect(replies).toEqual([expect.stringContaining('还没有村/社区')]);
    expect(replies[0]).toContain('/村 添加');
  });

  it('adds villages separated by a comma, stores them and writes one audit row', async () => {
    const { replies } = await asAdmin('/村 添加 东风村,红旗村');
    expect(replies).toEqual(['已添加：东风村、红旗村']);
    expect(await names()).toEqual(['东风村', '红旗村']);
    const rows = await t.db.db.select().from(villages);
    expect(rows.every((r) => r.createdBy === ADMIN)).toBe(true);
    const audit = await audits();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorOpenId: ADMIN, chatId: ADMIN_P2P, after: { names: ['东风村', '红旗村'] } });
  });

  it('reports the ones that already exist and adds only the new ones (、 and spaces also separate)', async () => {
    const { replies } = await g.say('/村 添加 东风村、幸福社区 红旗村，光明村 幸福社区', { from: ADMIN, chatId: ADMIN_GROUP });
    expect(replies).toEqual(['已添加：幸福社区、光明村\n已存在：东风村、红旗村']);
    expect(await names()).toEqual(['东风村', '红旗村', '幸福社区', '光明村']);
    const audit = await audits();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actorOpenId: ADMIN, chatId: ADMIN_GROUP, after: { names: ['幸福社区', '光明村'] } });
  });

  it('writes no audit row when every name already exists', async () => {
    const { replies } = await asAdmin('/village add 东风村');
    expect(replies).toEqual(['已存在：东风村']);
    expect(await audits()).toHaveLength(2);
  });

  it.each([
    ['Latin letters', '东风village'],
    ['a symbol', '红星村!'],
    ['only digits', '123'],
    ['one character', '村'],
    ['a bracket', '新村(二组)'],
  ])('rejects a name with %s in Chinese and adds nothing, not even the good names', async (_what, bad) => {
    const before = await names();
    const { replies } = await asAdmin(`/村 添加 新华村,${bad},前进村`);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`“${bad}”不像村/社区名`);
    expect(replies[0]).toContain('用法：/村 添加');
    expect(replies[0]).not.toMatch(/已添加|已存在/);
    expect(await names()).toEqual(before);
    expect(await audits()).toHaveLength(2);
  });

  it('does not explain a rejected name with a rule the command does not apply', async () => {
    // The rule shown for a bad name must agree with what is accepted: a name with a digit
    // is accepted, so the reply must not claim that names may not contain digits.
    const bad = await asAdmin('/村 添加 东风village');
    const digits = await asAdmin('/村 添加 新华2村');
    expect(digits.replies).toEqual(['已添加：新华2村']);
    expect(bad.replies[0]).not.toContain('不含数字');
  });

  it('stores full-width digits as ordinary digits, so the same name typed either way is one village', async () => {
    const { replies } = await asAdmin('/村 添加 新华２村');
    expect(replies).toEqual(['已存在：新华2村']);
    expect((await names()).filter((n) => n.startsWith('新华'))).toEqual(['新华2村']);
  });

  it('refuses non-admins, in a group and in private, and changes nothing', async () => {
    const before = await names();
    const inGroup = await g.say('/村 添加 胜利村', { from: 'ou_village_cadre', chatId: 'oc_village_cadres' });
    const inP2p = await t.say('/village add 胜利村', { from: 'ou_village_cadre', chatId: 'oc_p2p_village_cadre', chatType: 'p2p' });
    expect(inGroup.replies).toEqual(['只有管理员可以使用这个命令。']);
    expect(inP2p.replies).toEqual(['只有管理员可以使用这个命令。']);
    expect(await names()).toEqual(before);
    expect(await audits()).toHaveLength(3);
  });

  it('lets anyone list the villages, with their count', async () => {
    for (const word of ['/村 列表', '/村', '/village list', '/社区 查看']) {
      const { replies } = await g.say(word, { from: 'ou_village_cadre', chatId: 'oc_village_cadres' });
      expect(replies, word).toEqual(['本镇村/社区（5）：\n东风村、红旗村、幸福社区、光明村、新华2村']);
    }
  });

  it('answers an unknown sub-command or a missing name with the usage', async () => {
    for (const text of ['/村 删除 东风村', '/村 添加', '/村 添加东风村']) {
      const { replies } = await asAdmin(text);
      expect(replies, text).toEqual(['用法：/村 添加 东风村,红旗村　或　/村 列表']);
    }
    expect(await names()).toHaveLength(5);
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
