import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../src/db/repositories/audit.repository';
import { people } from '../../src/db/schema';
import { displayNames } from '../../src/services/people';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_names_admin_p2p';
const DONGFENG = 'oc_names_dongfeng';
const HQ = 'oc_names_hq';
const CADRE = 'ou_names_cadre';
const DOCTOR = 'ou_names_doctor';
const CONTACT_PATH = '/open-apis/contact/v3/users/';

describe('names: learned from @-mentions and the contact API, shown in /记录', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const person = async (openId: string) => (await t.db.db.select().from(people).where(eq(people.openId, openId)))[0];
  const lookups = (openId?: string) => t.fake.calls.filter((c) => c.path.startsWith(CONTACT_PATH) && (!openId || c.path === `${CONTACT_PATH}${openId}`));
  const later = (ms: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + ms);
  };
  /** When the next lookup is due, counted from `from` (the test clock also moves while the outbox waits for a send slot). */
  const dueAfter = async (openId: string, from: Date) => (await person(openId))!.lookupDueAt!.getTime() - from.getTime();
  const trail = async (caseId: number) => (await g.say(`/记录 #${caseId}`, { from: ADMIN, chatId: HQ })).replies[0]!.split('\n');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    t.fake.setUser(CADRE, '李村干部');
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
  });
  afterAll(() => t.close());

  it('learns the name of an @-mentioned person from the message itself, without asking the contact API', async () => {
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '王医生' }] });
    expect(await person(DOCTOR)).toMatchObject({ name: '王医生', source: 'mention' });
    expect(lookups(DOCTOR)).toEqual([]);
  });

  it('names a sender from the contact API after the message is done, and /记录 shows 「李村干部（村干部）」', async () => {
    const { replies } = await g.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 今天`, { from: CADRE, chatId: DONGFENG });
    expect(replies[0]).toContain('已登记');
    expect(await person(CADRE)).toMatchObject({ name: '李村干部', source: 'contact' });
    expect(lookups(CADRE).map((c) => c.query)).toEqual([{ user_id_type: 'open_id' }]);
    await g.say('/采样 #1', { from: DOCTOR, chatId: DONGFENG });
    const lines = await trail(1);
    expect(lines.filter((l) => !l.startsWith('　')).slice(1).map((l) => l.replace(/^\d+月\d+日 \d\d:\d\d /, ''))).toEqual([
      '采样 · 王医生（村医）',
      '私信发告知书 · 李村干部（村干部）',
      '登记 · 李村干部（村干部）',
    ]);
    expect(lines[2]).toBe('　核酸：第1天');
    // Asked once: a known name is not looked up again.
    expect(lookups(CADRE)).toHaveLength(1);
  });

  it('names the health centre\'s sampler with their role', async () => {
    const sampler = { key: '@_user_2', openId: 'ou_names_sampler', name: '王护士' };
    await t.say('/角色 @_user_2 采样员', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [sampler] });
    await g.say('/结果 #1 阴性', { from: sampler.openId, chatId: DONGFENG });
    const lines = await trail(1);
    expect(lines[1]).toMatch(/核酸结果 · 王护士（采样员）$/);
    expect(lines[2]).toBe('　核酸：第1天；结果：阴性');
  });

  it('a contact API that fails never holds up the message; the lookup backs off and names the person once Lark answers', async () => {
    const sender = 'ou_names_backoff';
    t.fake.setUser(sender, '赵网格员');
    t.fake.failWhile((req) => (req.path.startsWith(CONTACT_PATH) ? { status: 503, body: { code: 1, msg: 'unavailable' } } : null));
    const sent = t.clock.now;
    const { replies } = await g.say('/帮助', { from: sender, chatId: DONGFENG });
    expect(replies).toHaveLength(1);
    expect(await person(sender)).toMatchObject({ name: null, lookupAttempts: 1 });
    expect(await dueAfter(sender, sent)).toBeGreaterThanOrEqual(60_000);
    expect(await dueAfter(sender, t.clock.now)).toBeLessThanOrEqual(60_000);
    expect(lookups(sender)).toHaveLength(1);

    // Paused after the failure: another new sender is not looked up yet.
    await g.say('/帮助', { from: 'ou_names_other', chatId: DONGFENG });
    expect(lookups('ou_names_other')).toEqual([]);
    expect(await t.hw.peopleLookup!.runOnce()).toBe(0);

    t.fake.clearFaults();
    later(61_000);
    await t.settle();
    expect(await person(sender)).toMatchObject({ name: '赵网格员', source: 'contact', lookupDueAt: null });
    expect(lookups(sender)).toHaveLength(2);
  });

  it('someone outside the address book keeps a short form and is asked again only after an hour, then after two', async () => {
    const stranger = 'ou_names_stranger';
    const sent = t.clock.now;
    await g.say('/帮助', { from: stranger, chatId: DONGFENG });
    expect(lookups(stranger)).toHaveLength(1);
    expect(await person(stranger)).toMatchObject({ name: null, lookupAttempts: 1 });
    expect(await dueAfter(stranger, sent)).toBeGreaterThanOrEqual(60 * 60_000);
    expect((await displayNames(t.db.db, [stranger])).get(stranger)).toBe('用户…nger');
    later(59 * 60_000);
    await t.settle();
    expect(lookups(stranger)).toHaveLength(1);
    later(2 * 60_000);
    const retried = t.clock.now;
    await t.settle();
    expect(lookups(stranger)).toHaveLength(2);
    expect(await person(stranger)).toMatchObject({ name: null, lookupAttempts: 2 });
    expect(await dueAfter(stranger, retried)).toBe(2 * 60 * 60_000);
  });

  it('whoever is shown without a name is queued: an actor of an entry written before names were learned', async () => {
    const old = 'ou_names_from_before';
    t.fake.setUser(old, '钱干部');
    await writeAudit(t.db.db, { at: t.clock.now, actorOpenId: old, chatId: DONGFENG, action: 'case.edit', caseId: 1, after: { address: '已更新（内容不记入记录）' } });
    expect(await person(old)).toBeUndefined();
    expect((await trail(1))[1]).toMatch(/修改 · 用户…fore（村干部）$/);
    // /记录 queued them; the lookup ran when the reply was done.
    expect(await person(old)).toMatchObject({ name: '钱干部', source: 'contact' });
    expect((await trail(1))[1]).toMatch(/修改 · 钱干部（村干部）$/);
  });

  it('a name Lark gives is made fit to show: one line, no control characters, at most 30 characters', async () => {
    const odd = 'ou_names_odd';
    t.fake.setUser(odd, `  欧阳\n\u0007${'长'.repeat(40)}  `);
    await g.say('/帮助', { from: odd, chatId: DONGFENG });
    expect((await person(odd))!.name).toBe(`欧阳 ${'长'.repeat(27)}`);
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
