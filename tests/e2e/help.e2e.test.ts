import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, duties, villages } from '../../src/db/schema';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { watchGroups } from './group-privacy';

const VILLAGE_CHAT = 'oc_help_dongfeng';
const HQ_CHAT = 'oc_help_hq';
const UNBOUND_CHAT = 'oc_help_unbound';
const ADMIN_P2P = 'oc_p2p_help_admin';
const CADRE = 'ou_help_cadre';
const STRANGER = 'ou_help_stranger';
const HQ_MEMBER = 'ou_help_hq_member';
const DOCTOR = 'ou_help_doctor';

/** The command words a /help reply offers, e.g. ['/帮助', '/我是谁', '/登记']. */
function offered(reply: string): string[] {
  return reply
    .split('\n')
    .filter((l) => l.startsWith('  /'))
    .map((l) => l.trim().split(/\s/)[0]!);
}

describe('/help (/帮助) end to end: what each role is offered', () => {
  let t: TestApp;
  const g = watchGroups(() => t);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ_CHAT });
    await g.say('/角色 @_user_2 村医 红旗村', {
      from: ADMIN,
      chatId: HQ_CHAT,
      mentions: [{ key: '@_user_2', openId: DOCTOR, name: '刘医生' }],
    });
  });
  afterAll(() => t.close());

  // Each role is offered what the one below it is, and more; lists are compared as sets so a
  // command added later only needs its own expectation.
  const SETUP = ['/村', '/绑定', '/角色'];
  const CASEWORK = ['/登记', '/查看'];
  const helpFor = async (from: string, chatId: string, chatType: 'group' | 'p2p' = 'group') => {
    const { replies } = await g.say('/帮助 全部', { from, chatId, chatType });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('可用命令：');
    return offered(replies[0]!);
  };

  it('shows a stranger in an unbound group only the commands everyone may use', async () => {
    const words = await helpFor(STRANGER, UNBOUND_CHAT);
    expect(words).toEqual(expect.arrayContaining(['/帮助', '/我是谁']));
    for (const w of [...SETUP, ...CASEWORK, '/状态']) expect(words).not.toContain(w);
  });

  it('shows the configured admin every command, including /村, /绑定 and /角色', async () => {
    const admin = await helpFor(ADMIN, ADMIN_P2P, 'p2p');
    expect(admin).toEqual(expect.arrayContaining(['/帮助', '/我是谁', ...CASEWORK, ...SETUP]));
    const lead = await helpFor(HQ_MEMBER, HQ_CHAT);
    expect(admin).toEqual(expect.arrayContaining(lead));
    expect(admin.length).toBeGreaterThan(lead.length);
  });

  it('shows a cadre in a bound village group /登记 and /查看 but no set-up commands', async () => {
    const cadre = await helpFor(CADRE, VILLAGE_CHAT);
    expect(cadre).toEqual(expect.arrayContaining(['/帮助', '/我是谁', ...CASEWORK]));
    for (const w of SETUP) expect(cadre).not.toContain(w);
    expect(cadre).toEqual(expect.arrayContaining(await helpFor(STRANGER, UNBOUND_CHAT)));
  });

  it('shows the same cadre only what a stranger sees once outside the village group', async () => {
    const words = await helpFor(CADRE, 'oc_p2p_help_cadre', 'p2p');
    expect(words).toEqual(await helpFor(STRANGER, UNBOUND_CHAT));
  });

  it('shows a granted lead /角色 but not /村 or /绑定, and a plain HQ member not /角色', async () => {
    expect(await helpFor(HQ_MEMBER, HQ_CHAT)).not.toContain('/角色');
    await g.say('/角色 @_user_2 组长', { from: ADMIN, chatId: HQ_CHAT, mentions: [{ key: '@_user_2', openId: HQ_MEMBER, name: '陈组长' }] });
    const lead = await helpFor(HQ_MEMBER, HQ_CHAT);
    expect(lead).toEqual(expect.arrayContaining(['/帮助', '/我是谁', ...CASEWORK, '/角色']));
    expect(lead).not.toContain('/村');
    expect(lead).not.toContain('/绑定');
  });

  it('shows a granted doctor /登记 and /查看 in a private chat, but no set-up commands', async () => {
    const doctor = await helpFor(DOCTOR, 'oc_p2p_help_doctor', 'p2p');
    expect(doctor).toEqual(expect.arrayContaining(['/帮助', '/我是谁', ...CASEWORK]));
    for (const w of SETUP) expect(doctor).not.toContain(w);
  });

  it('answers the aliases /help, /h, /？ and /HELP with the same text', async () => {
    const base = (await g.say('/帮助 全部', { from: CADRE, chatId: VILLAGE_CHAT })).replies;
    for (const word of ['/help 全部', '/h 全部', '/？ 全部', '/HELP 全部']) {
      const { replies } = await g.say(word, { from: CADRE, chatId: VILLAGE_CHAT });
      expect(replies, word).toEqual(base);
    }
  });

  // The /帮助 example must work when copied: a valid ID, and an arrival date that is not in
  // the future whatever the season ("11月20日" is in the future from late May to mid November).
  // The clock only moves forward here: the outbox paces each chat by the app clock.
  it.each([
    ['by a cadre in a village group, in November', '2026-11-23T10:05:00+08:00', VILLAGE_CHAT, CADRE, 'group', '东风村'],
    ['by a doctor of 红旗村 in a private chat', '2026-11-23T10:30:00+08:00', 'oc_p2p_help_doctor', DOCTOR, 'p2p', '红旗村'],
    ['by the admin in a private chat, in March', '2027-03-02T09:00:00+08:00', ADMIN_P2P, ADMIN, 'p2p', '东风村'],
    ['by a cadre in a village group, in July', '2027-07-01T10:00:00+08:00', VILLAGE_CHAT, CADRE, 'group', '东风村'],
  ] as const)('gives a /登记 example that registers when copied %s', async (_label, now, chatId, from, chatType, village) => {
    await t.db.db.delete(duties);
    await t.db.db.delete(cases);
    t.clock.now = new Date(now);
    const help = await g.say('/帮助 登记', { from, chatId, chatType });
    const examples = help.replies[0]!.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/登记'));
    expect(examples).toHaveLength(2);
    for (const [i, example] of examples.entries()) {
      await t.db.db.delete(duties);
      await t.db.db.delete(cases);
      const { replies } = await g.say(example, { from, chatId, chatType });
      expect(replies, `example ${i + 1}: ${example}`).toHaveLength(1);
      expect(replies[0]).toContain('已登记 #');
      const rows = await t.db.db.select().from(cases);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.villageId).toBe((await t.db.db.select().from(villages)).find((v) => v.name === village)!.id);
    }
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
