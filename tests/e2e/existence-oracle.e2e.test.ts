import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseText } from '../../src/messages/cases';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_oracle_admin';
const DONGFENG = 'oc_oracle_dongfeng';
const HONGQI = 'oc_oracle_hongqi';
const HONGQI_DOCTOR = 'ou_oracle_doctor_hongqi';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

/** Issue 11, finding 10: a reply must not tell a stranger which case numbers exist. */
describe('no existence oracle', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await t.say('/角色 @_user_2 村医 红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(HONGQI_DOCTOR, '李医生')] });
    const { replies } = await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离`, { from: 'ou_oracle_cadre', chatId: DONGFENG });
    expect(replies.join()).toContain('已登记 #1');
  });
  afterAll(() => t.close());

  const asks: [string, { from: string; chatId: string; chatType?: 'p2p' | 'group' }, (n: number) => string][] = [
    ['a stranger in a private chat: /查看', { from: 'ou_nobody', chatId: 'oc_p2p_nobody', chatType: 'p2p' }, (n) => `/查看 #${n}`],
    ['another village’s group: /查看', { from: 'ou_hq_cadre', chatId: HONGQI }, (n) => `/查看 #${n}`],
    ['another village’s group: /记录', { from: 'ou_hq_cadre', chatId: HONGQI }, (n) => `/记录 #${n}`],
    ['another village’s group: /关闭', { from: 'ou_hq_cadre', chatId: HONGQI }, (n) => `/关闭 #${n} 其他 误登记`],
    ['another village’s group: /延长', { from: 'ou_hq_cadre', chatId: HONGQI }, (n) => `/延长 #${n} 3天 复查`],
    ['another village’s group: /包保', { from: 'ou_hq_cadre', chatId: HONGQI }, (n) => `/包保 #${n}`],
    ['another village’s doctor: /采样', { from: HONGQI_DOCTOR, chatId: 'oc_p2p_hq_doctor', chatType: 'p2p' }, (n) => `/采样 #${n}`],
    ['another village’s doctor: /体温', { from: HONGQI_DOCTOR, chatId: 'oc_p2p_hq_doctor', chatType: 'p2p' }, (n) => `/体温 #${n} 36.5`],
    ['another village’s doctor: /结果', { from: HONGQI_DOCTOR, chatId: 'oc_p2p_hq_doctor', chatType: 'p2p' }, (n) => `/结果 #${n} 阴性`],
  ];
  it.each(asks)('%s #1 (exists, not theirs) reads exactly like #9999 (does not exist)', async (_, who, command) => {
    const hidden = await t.say(command(1), who);
    const missing = await t.say(command(9999), who);
    expect(missing.replies).toEqual([caseText.notFound(9999)]);
    expect(hidden.replies).toHaveLength(1);
    expect(hidden.replies[0]!.replaceAll('#1', '#N')).toBe(missing.replies[0]!.replaceAll('#9999', '#N'));
    expect(hidden.replies[0]).not.toContain('张');
  });

  it('a duplicate registration from another village says only that the person is managed elsewhere', async () => {
    const { replies } = await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离`, { from: 'ou_hq_cadre', chatId: HONGQI });
    expect(replies).toEqual([caseText.alreadyElsewhere]);
    const own = await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离`, { from: 'ou_oracle_cadre', chatId: DONGFENG });
    expect(own.replies.join()).toContain('#1（东风村');
  });
});
