import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, chatBindings, villages } from '../../src/db/schema';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_bind_admin';

describe('/bind (/绑定) end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  let dongfengId = 0;
  let hongqiId = 0;
  const bindingOf = async (chatId: string) => (await t.db.db.select().from(chatBindings).where(eq(chatBindings.chatId, chatId)))[0];
  const bindAudits = () => t.db.db.select().from(auditLog).where(eq(auditLog.action, 'chat.bind')).orderBy(auditLog.id);
  const asAdmin = (text: string, chatId: string) => g.say(text, { from: ADMIN, chatId });

  beforeAll(async () => {
    t = await startTestApp();
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    const rows = await t.db.db.select().from(villages);
    dongfengId = rows.find((v) => v.name === '东风村')!.id;
    hongqiId = rows.find((v) => v.name === '红旗村')!.id;
  });
  afterAll(() => t.close());

  it('binds a group to a village with /绑定 村 东风村 and audits it', async () => {
    const { replies } = await asAdmin('/绑定 村 东风村', 'oc_bind_a');
    expect(replies).toEqual(['本群已绑定为：东风村工作群']);
    expect(await bindingOf('oc_bind_a')).toMatchObject({ kind: 'village', villageId: dongfengId, taskforce: null, boundBy: ADMIN });
    const audit = await bindAudits();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorOpenId: ADMIN,
      chatId: 'oc_bind_a',
      before: null,
      after: { kind: 'village', villageId: dongfengId, villageName: '东风村' },
    });
  });

  it('accepts a lone village name (/绑定 红旗村) and reports the previous binding when rebinding', async () => {
    const { replies } = await asAdmin('/绑定 红旗村', 'oc_bind_a');
    expect(replies).toEqual(['本群已绑定为：红旗村工作群（原为：东风村工作群）']);
    expect(await bindingOf('oc_bind_a')).toMatchObject({ kind: 'village', villageId: hongqiId });
    expect(await t.db.db.select().from(chatBindings)).toHaveLength(1);
    const audit = await bindAudits();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      before: { kind: 'village', villageId: dongfengId, villageName: '东风村' },
      after: { kind: 'village', villageId: hongqiId, villageName: '红旗村' },
    });
    const who = await g.say('/我是谁', { from: 'ou_bind_cadre', chatId: 'oc_bind_a' });
    expect(who.replies[0]).toContain('村干部（红旗村）');
  });

  it('binds the HQ group with /绑定 指挥部 (and the word 办公室)', async () => {
    expect((await asAdmin('/绑定 指挥部', 'oc_bind_hq')).replies).toEqual(['本群已绑定为：指挥部群']);
    expect(await bindingOf('oc_bind_hq')).toMatchObject({ kind: 'hq', villageId: null, taskforce: null });
    const audits = (await bindAudits()).length;
    expect((await asAdmin('/bind hq', 'oc_bind_hq')).replies).toEqual(['本群已经绑定为：指挥部群，无需重复绑定。']);
    expect(await bindAudits()).toHaveLength(audits);
    expect((await asAdmin('/绑定 办公室', 'oc_bind_hq2')).replies).toEqual(['本群已绑定为：指挥部群']);
  });

  it.each([
    ['/绑定 专班 核酸检测', 'oc_bind_tf1', '核酸检测'],
    ['/bind taskforce 核酸检测专班', 'oc_bind_tf2', '核酸检测'],
    ['/绑定 专班 物资和交通保障', 'oc_bind_tf3', '物资和交通保障'],
  ])('binds a task-force group: %s', async (text, chatId, taskforce) => {
    const { replies } = await asAdmin(text, chatId);
    expect(replies).toEqual([`本群已绑定为：${taskforce}专班群`]);
    expect(await bindingOf(chatId)).toMatchObject({ kind: 'taskforce', taskforce, villageId: null });
  });

  it('rebinds a task-force group as a village and names the task force it was', async () => {
    const { replies } = await asAdmin('/绑定 村 东风村', 'oc_bind_tf3');
    expect(replies).toEqual(['本群已绑定为：东风村工作群（原为：物资和交通保障专班群）']);
    expect(await bindingOf('oc_bind_tf3')).toMatchObject({ kind: 'village', villageId: dongfengId, taskforce: null });
  });

  it('suggests the near-miss village and binds nothing', async () => {
    const before = (await bindAudits()).length;
    const { replies } = await asAdmin('/绑定 村 东风', 'oc_bind_new');
    expect(replies).toEqual(['村名“东风”不在本镇名单，是不是“东风村”？']);
    const far = await asAdmin('/绑定 村 胜利村', 'oc_bind_new');
    expect(far.replies).toEqual(['村名“胜利村”不在本镇名单。发送 /村 列表 查看。']);
    expect(await bindingOf('oc_bind_new')).toBeUndefined();
    expect(await bindAudits()).toHaveLength(before);
  });

  it('lists the valid task forces for an unknown one and binds nothing', async () => {
    const { replies } = await asAdmin('/绑定 专班 防疫', 'oc_bind_new');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^没有“防疫”专班。可用：/);
    for (const name of ['居家隔离管控', '核酸检测', '流调溯源', '备春耕']) expect(replies[0]).toContain(name);
    expect(await bindingOf('oc_bind_new')).toBeUndefined();
  });

  it('answers /绑定 without a target with the usage', async () => {
    for (const text of ['/绑定', '/绑定 村', '/绑定 专班']) {
      const { replies } = await asAdmin(text, 'oc_bind_new');
      expect(replies, text).toEqual(['用法：/绑定 村 东风村　/绑定 隔离点 县隔离酒店　/绑定 指挥部　/绑定 专班 核酸检测']);
    }
    expect(await bindingOf('oc_bind_new')).toBeUndefined();
  });

  it('refuses a non-admin, also in a group already bound, and changes nothing', async () => {
    const before = (await bindAudits()).length;
    const fresh = await g.say('/绑定 村 东风村', { from: 'ou_bind_cadre', chatId: 'oc_bind_new' });
    expect(fresh.replies).toEqual(['只有管理员可以使用这个命令。']);
    expect(await bindingOf('oc_bind_new')).toBeUndefined();
    // A cadre of a village group cannot re-point it, nor can a lead in the HQ group.
    const cadre = await g.say('/绑定 指挥部', { from: 'ou_bind_cadre', chatId: 'oc_bind_a' });
    const lead = await g.say('/绑定 村 东风村', { from: 'ou_bind_lead', chatId: 'oc_bind_hq' });
    expect(cadre.replies).toEqual(['只有管理员可以使用这个命令。']);
    expect(lead.replies).toEqual(['只有管理员可以使用这个命令。']);
    expect(await bindingOf('oc_bind_a')).toMatchObject({ kind: 'village', villageId: hongqiId });
    expect(await bindingOf('oc_bind_hq')).toMatchObject({ kind: 'hq' });
    expect(await bindAudits()).toHaveLength(before);
  });

  it('refuses a private chat: only groups can be bound', async () => {
    const { replies } = await t.say('/绑定 村 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    expect(replies).toEqual(['这个命令要在群里使用。']);
    expect(await bindingOf(ADMIN_P2P)).toBeUndefined();
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
