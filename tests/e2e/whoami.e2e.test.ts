import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_who_admin';
const DONGFENG_CHAT = 'oc_who_dongfeng';
const HQ_CHAT = 'oc_who_hq';
const TASKFORCE_CHAT = 'oc_who_taskforce';
const UNBOUND_CHAT = 'oc_who_unbound';
const DOCTOR = { key: '@_user_2', openId: 'ou_who_doctor', name: '王医生' };

describe('/whoami (/我是谁) end to end: roles and the chat binding', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const whoami = async (from: string, chatId: string, chatType: 'group' | 'p2p' = 'group') => {
    const { replies } = await g.say('/我是谁', { from, chatId, chatType });
    expect(replies).toHaveLength(1);
    return replies[0]!.split('\n');
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.say('/村 添加 东风村,红旗村,幸福社区', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG_CHAT });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ_CHAT });
    await g.say('/绑定 专班 核酸检测', { from: ADMIN, chatId: TASKFORCE_CHAT });
  });
  afterAll(() => t.close());

  it('tells a stranger in an unbound group that they have no role and how to bind the group', async () => {
    const lines = await whoami('ou_who_stranger', UNBOUND_CHAT);
    expect(lines[0]).toBe('你的角色：无（请联系管理员授权）');
    expect(lines[1]).toMatch(/^本群：未绑定/);
    expect(lines[1]).toContain('/绑定 村');
  });

  it('makes anyone speaking in a village group a cadre of that village', async () => {
    const lines = await whoami('ou_who_cadre', DONGFENG_CHAT);
    expect(lines[0]).toBe('你的角色：村干部（东风村）');
    expect(lines[1]).toBe('本群：东风村工作群');
    expect(lines[2]).toBe('本群村医：无');
  });

  it('makes anyone speaking in the HQ group a member of it, not a lead', async () => {
    const lines = await whoami('ou_who_hq_member', HQ_CHAT);
    expect(lines[0]).toBe('你的角色：指挥部群成员');
    expect(lines[1]).toBe('本群：指挥部群');
  });

  it('names the task force of a task-force group and its members', async () => {
    const lines = await whoami('ou_who_tf_member', TASKFORCE_CHAT);
    expect(lines[0]).toBe('你的角色：核酸检测专班成员');
    expect(lines[1]).toBe('本群：核酸检测专班群');
  });

  it('says "private chat" in a p2p chat without calling it a group', async () => {
    const lines = await whoami('ou_who_stranger', 'oc_p2p_who_stranger', 'p2p');
    expect(lines[0]).toBe('你的角色：无（请联系管理员授权）');
    expect(lines[1]).toContain('私聊');
    expect(lines[1]).not.toMatch(/^本群/);
  });

  it('shows the configured admin as admin, and with what the group adds where it does', async () => {
    expect((await whoami(ADMIN, ADMIN_P2P, 'p2p'))[0]).toBe('你的角色：管理员');
    expect((await whoami(ADMIN, HQ_CHAT))[0]).toBe('你的角色：管理员、指挥部群成员');
    expect((await whoami(ADMIN, DONGFENG_CHAT))[0]).toBe('你的角色：管理员、村干部（东风村）');
  });

  it('lists the village names of every doctor grant, and adds the cadre role in a village group', async () => {
    expect((await whoami(DOCTOR.openId, 'oc_p2p_who_doctor', 'p2p'))[0]).toBe('你的角色：无（请联系管理员授权）');
    for (const village of ['东风村', '幸福社区']) {
      const grant = await g.say(`/角色 @_user_2 村医 ${village}`, { from: ADMIN, chatId: HQ_CHAT, mentions: [DOCTOR] });
      expect(grant.replies).toEqual([`已授予 王医生：村医（${village}）`]);
    }
    const p2p = await whoami(DOCTOR.openId, 'oc_p2p_who_doctor', 'p2p');
    expect(p2p[0]).toMatch(/^你的角色：村医（(东风村、幸福社区|幸福社区、东风村)）$/);
    expect(p2p[0]).not.toContain('红旗村');

    const inVillage = await whoami(DOCTOR.openId, DONGFENG_CHAT);
    expect(inVillage[0]).toMatch(/村医（.*东风村.*）、村干部（东风村）$/);
  });

  it("names the village's doctors in its group: from the mention that granted them, else from the contact API", async () => {
    const second = { key: '@_user_2', openId: 'ou_who_doctor2', name: '' };
    t.fake.setUser(second.openId, '赵医生');
    await g.say('/角色 @_user_2 村医', { from: ADMIN, chatId: DONGFENG_CHAT, mentions: [second] });
    expect((await whoami('ou_who_cadre', DONGFENG_CHAT))[2]).toBe('本群村医：王医生、赵医生');
  });

  it('answers the aliases /whoami and /我的角色', async () => {
    for (const word of ['/whoami', '/我的角色']) {
      const { replies } = await g.say(word, { from: 'ou_who_cadre', chatId: DONGFENG_CHAT });
      expect(replies, word).toEqual(['你的角色：村干部（东风村）\n本群：东风村工作群\n本群村医：王医生、赵医生']);
    }
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
