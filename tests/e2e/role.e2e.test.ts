import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, roleGrants, villages } from '../../src/db/schema';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_role_admin';
const DONGFENG_CHAT = 'oc_role_dongfeng';
const HONGQI_CHAT = 'oc_role_hongqi';
const HQ_CHAT = 'oc_role_hq';

const person = (n: number, openId: string, name: string): MentionInput => ({ key: `@_user_${n}`, openId, name });
const DOC = person(2, 'ou_doc', '张医生');
const DOC_B = person(2, 'ou_doc_b', '李医生');
const LEAD = person(2, 'ou_lead', '赵组长');

describe('/role (/角色) end to end', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const ids: Record<string, number> = {};
  const grantsOf = (openId: string) =>
    t.db.db.select().from(roleGrants).where(eq(roleGrants.openId, openId)).orderBy(roleGrants.id);
  const audits = (action: string) => t.db.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(auditLog.id);
  const allGrants = () => t.db.db.select().from(roleGrants);
  const adminP2p = (text: string, mentions: MentionInput[] = []) =>
    t.say(text, { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions });

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await adminP2p('/村 添加 东风村,红旗村');
    for (const v of await t.db.db.select().from(villages)) ids[v.name] = v.id;
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG_CHAT });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI_CHAT });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ_CHAT });
  });
  afterAll(() => t.close());

  describe('granting a doctor', () => {
    it('grants a doctor for a named village, stores the grant and audits it', async () => {
      const { replies } = await adminP2p('/角色 @_user_2 村医 东风村', [DOC]);
      expect(replies).toEqual(['已授予 张医生：村医（东风村）']);
      expect(await grantsOf('ou_doc')).toMatchObject([{ role: 'doctor', villageId: ids['东风村'], grantedBy: ADMIN }]);
      const audit = await audits('role.grant');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorOpenId: ADMIN,
        chatId: ADMIN_P2P,
        after: { openId: 'ou_doc', role: 'doctor', villageId: ids['东风村'] },
      });
    });

    it('says "already" when granting the same thing twice, and stores and audits nothing new', async () => {
      const { replies } = await adminP2p('/角色 @_user_2 医生 东风村', [DOC]);
      expect(replies).toEqual(['张医生 已经是村医（东风村）。']);
      expect(await grantsOf('ou_doc')).toHaveLength(1);
      expect(await audits('role.grant')).toHaveLength(1);
    });

    it('takes the village from the binding when granted in a village group without a village name', async () => {
      const { replies } = await g.say('/角色 @_user_2 村医', { from: ADMIN, chatId: HONGQI_CHAT, mentions: [DOC_B] });
      expect(replies).toEqual(['已授予 李医生：村医（红旗村）']);
      expect(await grantsOf('ou_doc_b')).toMatchObject([{ role: 'doctor', villageId: ids['红旗村'] }]);
    });

    it('refuses a doctor without a village in the HQ group or a private chat, and explains', async () => {
      const before = (await allGrants()).length;
      const hq = await g.say('/角色 @_user_2 村医', { from: ADMIN, chatId: HQ_CHAT, mentions: [DOC] });
      const p2p = await adminP2p('/角色 @_user_2 村医', [DOC]);
      for (const r of [hq, p2p]) {
        expect(r.replies).toHaveLength(1);
        expect(r.replies[0]).toContain('授予村医要写村名');
        expect(r.replies[0]).toContain('/角色 @张医生 村医 东风村');
      }
      expect(await allGrants()).toHaveLength(before);
    });

    it('suggests the near-miss village name and grants nothing', async () => {
      const { replies } = await adminP2p('/角色 @_user_2 村医 红旗', [DOC]);
      expect(replies).toEqual(['村名“红旗”不在本镇名单，是不是“红旗村”？']);
      expect(await grantsOf('ou_doc')).toHaveLength(1);
    });
  });

  describe('what a granted doctor may do from a private chat', () => {
    const DOC_P2P = 'oc_p2p_role_doc';
    let dongfengCase = 0;
    let hongqiCase = 0;

    it('registers a person of the granted village', async () => {
      const id = validId('11010519700315003');
      const { replies } = await t.say(`/登记 王芳 ${id} 13987654321 居家隔离 11月21日 东风村`, { from: 'ou_doc', chatId: DOC_P2P, chatType: 'p2p' });
      expect(replies).toHaveLength(1);
      expect(replies[0]).toMatch(/已登记 #\d+/);
      const [row] = await t.db.db.select().from(cases).where(eq(cases.registeredBy, 'ou_doc'));
      expect(row && t.cipher.decrypt(row.nameEnc)).toBe('王芳');
      expect(row).toMatchObject({ villageId: ids['东风村'], registeredInChat: DOC_P2P });
      dongfengCase = row!.id;
    });

    it('views a case of the granted village', async () => {
      const { replies } = await t.say(`/查看 #${dongfengCase}`, { from: 'ou_doc', chatId: DOC_P2P, chatType: 'p2p' });
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain(`管控对象 #${dongfengCase}`);
      expect(replies[0]).toContain('东风村');
    });

    it('is refused for another village, both registering and viewing', async () => {
      // A cadre registers someone in the 红旗村 group (card in a group: masked).
      const cadre = await g.say(`/登记 陈强 ${validId('11010519850612004')} 15800001111 居家隔离 11月22日`, {
        from: 'ou_role_cadre_hongqi',
        chatId: HONGQI_CHAT,
      });
      expect(cadre.replies[0]).toMatch(/已登记 #\d+/);
      hongqiCase = (await t.db.db.select().from(cases).where(eq(cases.villageId, ids['红旗村']!)))[0]!.id;

      const before = (await t.db.db.select().from(cases)).length;
      const register = await t.say(`/登记 周敏 ${validId('11010519900101005')} 13700002222 居家隔离 红旗村`, {
        from: 'ou_doc',
        chatId: DOC_P2P,
        chatType: 'p2p',
      });
      expect(register.replies).toEqual(['你没有权限登记红旗村的人员。']);
      expect(await t.db.db.select().from(cases)).toHaveLength(before);

      const view = await t.say(`/查看 #${hongqiCase}`, { from: 'ou_doc', chatId: DOC_P2P, chatType: 'p2p' });
      expect(view.replies).toEqual([`没有你可查看的 #${hongqiCase}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`]);
    });

    it('loses access when the grant is removed with -村医', async () => {
      const { replies } = await adminP2p('/角色 @_user_2 -村医', [DOC]);
      expect(replies).toEqual(['已取消 张医生 的村医角色。']);
      expect(await grantsOf('ou_doc')).toEqual([]);
      const audit = await audits('role.remove');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorOpenId: ADMIN, before: { openId: 'ou_doc', role: 'doctor' } });

      const view = await t.say(`/查看 #${dongfengCase}`, { from: 'ou_doc', chatId: DOC_P2P, chatType: 'p2p' });
      expect(view.replies).toEqual([`没有你可查看的 #${dongfengCase}：编号不存在，或不是你负责的村/隔离点的对象。请核对编号，或发送 /名单 查看。`]);
      const again = await adminP2p('/角色 @_user_2 -村医', [DOC]);
      expect(again.replies).toEqual(['张医生 没有村医角色。']);
      expect(await audits('role.remove')).toHaveLength(1);
    });
  });

  describe('removing a doctor in a village group', () => {
    it('removes only the grant for that village', async () => {
      await adminP2p('/角色 @_user_2 村医 东风村', [DOC_B]);
      expect((await grantsOf('ou_doc_b')).map((g) => g.villageId).sort()).toEqual([ids['东风村'], ids['红旗村']].sort());
      const { replies } = await g.say('/角色 @_user_2 取消 村医', { from: ADMIN, chatId: DONGFENG_CHAT, mentions: [DOC_B] });
      expect(replies).toEqual(['已取消 李医生 的村医（东风村）角色。']);
      expect(await grantsOf('ou_doc_b')).toMatchObject([{ role: 'doctor', villageId: ids['红旗村'] }]);
    });
  });

  describe('who may grant', () => {
    it('lets a lead grant a doctor and a lead, but not an admin', async () => {
      const granted = await g.say('/角色 @_user_2 组长', { from: ADMIN, chatId: HQ_CHAT, mentions: [LEAD] });
      expect(granted.replies).toEqual(['已授予 赵组长：组长']);
      expect(await grantsOf('ou_lead')).toMatchObject([{ role: 'lead', villageId: null }]);

      const leadSays = (text: string, m: MentionInput) => t.say(text, { from: 'ou_lead', chatId: 'oc_p2p_role_lead', chatType: 'p2p', mentions: [m] });
      const doctor = await leadSays('/角色 @_user_2 村医 红旗村', person(2, 'ou_doc_c', '孙医生'));
      expect(doctor.replies).toEqual(['已授予 孙医生：村医（红旗村）']);
      expect(await grantsOf('ou_doc_c')).toMatchObject([{ role: 'doctor', villageId: ids['红旗村'], grantedBy: 'ou_lead' }]);

      const lead = await leadSays('/角色 @_user_2 lead', person(2, 'ou_lead_b', '钱组长'));
      expect(lead.replies).toEqual(['已授予 钱组长：组长']);
      expect(await grantsOf('ou_lead_b')).toMatchObject([{ role: 'lead', grantedBy: 'ou_lead' }]);

      const admin = await leadSays('/角色 @_user_2 管理员', person(2, 'ou_would_be_admin', '吴某'));
      expect(admin.replies).toEqual(['只有管理员或组长可以授权；只有管理员可以授予管理员。']);
      expect(await t.db.db.select().from(roleGrants).where(eq(roleGrants.role, 'admin'))).toEqual([]);
    });

    it('does not make everyone in the HQ group a lead: a member may not appoint, a granted lead may', async () => {
      const member = await g.say('/角色 @_user_2 村医 东风村', { from: 'ou_hq_member', chatId: HQ_CHAT, mentions: [person(2, 'ou_doc_d', '周医生')] });
      expect(member.replies).toEqual(['只有管理员或组长可以授权；只有管理员可以授予管理员。']);
      expect(await grantsOf('ou_doc_d')).toHaveLength(0);
      await adminP2p('/角色 @_user_2 组长', [person(2, 'ou_hq_member', '吴组长')]);
      const lead = await g.say('/角色 @_user_2 村医 东风村', { from: 'ou_hq_member', chatId: HQ_CHAT, mentions: [person(2, 'ou_doc_d', '周医生')] });
      expect(lead.replies).toEqual(['已授予 周医生：村医（东风村）']);
      expect(await grantsOf('ou_doc_d')).toHaveLength(1);
    });

    it('refuses a plain village cadre and a stranger, and changes nothing', async () => {
      const before = (await allGrants()).length;
      const cadre = await g.say('/角色 @_user_2 村医', { from: 'ou_role_cadre', chatId: DONGFENG_CHAT, mentions: [person(2, 'ou_doc_e', '郑医生')] });
      const stranger = await t.say('/角色 @_user_2 组长', { from: 'ou_role_stranger', chatId: 'oc_p2p_role_stranger', chatType: 'p2p', mentions: [person(2, 'ou_role_stranger', '我自己')] });
      for (const r of [cadre, stranger]) expect(r.replies).toEqual(['只有管理员或组长可以授权；只有管理员可以授予管理员。']);
      expect(await allGrants()).toHaveLength(before);
    });

    it('lets the admin make an admin, whose powers then work', async () => {
      const { replies } = await adminP2p('/角色 @_user_2 管理员', [person(2, 'ou_admin_b', '冯管理员')]);
      expect(replies).toEqual(['已授予 冯管理员：管理员']);
      const added = await t.say('/村 添加 胜利村', { from: 'ou_admin_b', chatId: 'oc_p2p_role_admin_b', chatType: 'p2p' });
      expect(added.replies).toEqual(['已添加：胜利村']);
    });

    it('grants several people mentioned in one message, one line each', async () => {
      const mentions = [person(2, 'ou_multi_1', '甲医生'), person(3, 'ou_multi_2', '乙医生')];
      const { replies } = await g.say('/角色 @_user_2 @_user_3 村医', { from: ADMIN, chatId: DONGFENG_CHAT, mentions });
      expect(replies).toEqual(['已授予 甲医生：村医（东风村）\n已授予 乙医生：村医（东风村）']);
      for (const m of mentions) expect(await grantsOf(m.openId)).toMatchObject([{ role: 'doctor', villageId: ids['东风村'] }]);
    });

    // Known bug (src/lark/command-parser.ts, bot-mention stripping uses text.split(key)):
    // removing "@_user_1" also mangles "@_user_10", "@_user_11"… so a message naming ten or
    // more people loses them. Flip to `it` once fixed.
    it('grants every person of a message with ten or more mentions', async () => {
      const mentions = Array.from({ length: 10 }, (_, i) => person(i + 2, `ou_many_${i + 2}`, `医生${i + 2}`));
      const keys = mentions.map((m) => m.key).join(' ');
      const { replies } = await g.say(`/角色 ${keys} 村医`, { from: ADMIN, chatId: DONGFENG_CHAT, mentions });
      expect(replies[0]!.split('\n')).toHaveLength(10);
      const rows = await t.db.db.select().from(roleGrants).where(and(eq(roleGrants.role, 'doctor'), eq(roleGrants.grantedBy, ADMIN)));
      for (const m of mentions) expect(rows.some((r) => r.openId === m.openId)).toBe(true);
    });
  });

  describe('usage mistakes', () => {
    it('explains a missing mention, a missing role and an unknown role, and grants nothing', async () => {
      const before = (await allGrants()).length;
      expect((await adminP2p('/角色 村医 东风村')).replies).toEqual(['请在命令里 @ 要授权的人，例如：/角色 @张医生 村医 东风村']);
      expect((await adminP2p('/角色')).replies).toEqual(['用法：/角色 @某人 村医 东风村　/角色 @某人 村干部 东风村　/角色 @某人 采样员　/角色 @某人 隔离点医务 县隔离酒店　/角色 @某人 组长　/角色 @某人 -村医']);
      expect((await adminP2p('/角色 @_user_2', [DOC])).replies).toEqual(['用法：/角色 @某人 村医 东风村　/角色 @某人 村干部 东风村　/角色 @某人 采样员　/角色 @某人 隔离点医务 县隔离酒店　/角色 @某人 组长　/角色 @某人 -村医']);
      expect((await adminP2p('/角色 @_user_2 医师', [DOC])).replies).toEqual(['没有“医师”这个角色。可用：村医、采样员、隔离点医务、组长、管理员。']);
      expect(await allGrants()).toHaveLength(before);
    });
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
