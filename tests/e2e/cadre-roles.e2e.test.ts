import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases } from '../../src/db/schema';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

/**
 * Village cadres under the default policy (team.requireCadreGrant): a group of dozens is not
 * all cadres; a granted cadre works in the village group and privately with the bot, while
 * still in the group; the team members of a village's cases act as its cadres there.
 */
const DONGFENG = 'oc_cr_dongfeng';
const HONGQI = 'oc_cr_hongqi';
const ADMIN_P2P = 'oc_cr_admin_p2p';
const CADRE = 'ou_cr_cadre';
const MEMBER = 'ou_cr_member';
const TEAM = 'ou_cr_team';
const privately = (openId: string) => `oc_cr_p2p_${openId}`;
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

describe('village cadres: granted, private chat, membership at the time of use', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const admin = (text: string, mentions: MentionInput[] = []) => t.say(text, { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions });
  const inPrivate = (openId: string, text: string) => t.say(text, { from: openId, chatId: privately(openId), chatType: 'p2p' });
  const register = (n: number, village = '') => `/登记 孙${'一二三四五'[n]} ${validId(`11010519850317${String(n).padStart(3, '0')}`)} 1391234567${n} 居家隔离 今天 ${village} 幸福路${n}号`.replace('  ', ' ');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00', strictCadres: true });
    await admin('/村 添加 东风村,红旗村');
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
  });
  afterAll(() => t.close());

  it('refuses a member of the village group who is not a granted cadre, says how to be granted, and registers nothing', async () => {
    const { replies } = await g.say(register(0), { from: MEMBER, chatId: DONGFENG });
    expect(replies).toEqual(['你没有登记权限：请组长用 /角色 @你 村干部 东风村 授权（之后在村群或私聊都可登记）。']);
    expect(await t.db.db.select().from(cases)).toHaveLength(0);
  });

  it('lets a granted cadre register in the village group, and privately with the bot', async () => {
    expect((await admin('/角色 @_user_2 村干部 东风村', [mention(CADRE, '李村干部')])).replies).toEqual(['已授予 李村干部：村干部（东风村）']);
    expect((await g.say(register(1), { from: CADRE, chatId: DONGFENG })).replies[0]).toContain('已登记 #1');
    const p2p = await inPrivate(CADRE, register(2, '东风村'));
    expect(p2p.replies[0]).toContain('已登记 #2');
  });

  it('shows the granted cadre the whole record privately, and audits it; a case of another village is refused', async () => {
    const shown = await inPrivate(CADRE, '/查看 #1');
    expect(shown.replies.join('')).toContain(validId('11010519850317001'));
    expect(await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.view_full'))).toMatchObject([{ actorOpenId: CADRE, caseId: 1 }]);
    await admin('/角色 @_user_2 村干部 红旗村', [mention('ou_cr_hongqi', '王村干部')]);
    expect((await g.say(register(3), { from: 'ou_cr_hongqi', chatId: HONGQI })).replies[0]).toContain('已登记 #3');
    const other = await inPrivate(CADRE, '/关闭 #3 误登记');
    expect(other.replies[0]).toContain('没有你可查看的 #3');
    expect((await t.db.db.select().from(cases).where(eq(cases.id, 3)))[0]!.status).toBe('active');
    expect((await inPrivate(CADRE, register(4, '红旗村'))).replies).toEqual(['你没有权限登记红旗村的人员。']);
  });

  it('makes the team members of a case cadres of its village in the group', async () => {
    expect((await g.say(register(4), { from: TEAM, chatId: DONGFENG })).replies[0]).toContain('你没有登记权限');
    await g.say('/包保 #1 网格员 @_user_2', { from: CADRE, chatId: DONGFENG, mentions: [mention(TEAM, '赵网格员')] });
    expect((await g.say(register(4), { from: TEAM, chatId: DONGFENG })).replies[0]).toContain('已登记 #4');
  });

  it('takes the private-chat powers away once the cadre leaves the village group', async () => {
    await t.memberEvent({ eventType: 'im.chat.member.user.deleted_v1', chatId: DONGFENG, operatorOpenId: ADMIN, users: [{ openId: CADRE, name: '李村干部' }] });
    expect((await inPrivate(CADRE, '/关闭 #2 误登记')).replies[0]).toContain('没有你可查看的 #2');
    expect((await t.db.db.select().from(cases).where(eq(cases.id, 2)))[0]!.status).toBe('active');
    await t.memberEvent({ eventType: 'im.chat.member.user.added_v1', chatId: DONGFENG, operatorOpenId: ADMIN, users: [{ openId: CADRE, name: '李村干部' }] });
    expect((await inPrivate(CADRE, '/关闭 #2 误登记')).replies[0]).toContain('#2');
    expect((await t.db.db.select().from(cases).where(eq(cases.id, 2)))[0]!.status).toBe('closed');
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
