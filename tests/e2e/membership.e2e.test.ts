import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markMembers, replaceMembers, unmarkMembers } from '../../src/db/repositories/chat-members.repository';
import { rowsOf } from '../../src/db/rows';
import { inbox, people } from '../../src/db/schema';
import { dutyText } from '../../src/messages/duties';
import { isMemberOf, membersOf } from '../../src/services/membership';
import { findButton, press } from '../helpers/cards';
import { signedRequest } from '../helpers/lark-delivery';
import { ADMIN, ENCRYPT_KEY, startTestApp, type TestApp, unixSeconds, VERIFICATION_TOKEN } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const ADMIN_P2P = 'oc_mem_admin_p2p';
const DONGFENG = 'oc_mem_dongfeng';
const HONGQI = 'oc_mem_hongqi';
const UNBOUND = 'oc_mem_unbound';
const CADRE = 'ou_mem_cadre';
const DOCTOR = 'ou_mem_doctor';
const MEMBERS_PATH = (chatId: string) => `/open-apis/im/v1/chats/${chatId}/members`;

describe('membership: chat_members follows speaking, pressing, the member events and the sync', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const member = (chatId: string, openId: string) => isMemberOf(t.db.db, chatId, openId);
  const members = (chatId: string) => membersOf(t.db.db, chatId);
  const later = (minutes: number) => {
    t.clock.now = new Date(t.clock.now.getTime() + minutes * 60_000);
  };
  const memberCalls = (chatId: string) => t.fake.calls.filter((c) => c.path === MEMBERS_PATH(chatId));
  const nameOf = async (openId: string) => (await t.db.db.select().from(people).where(eq(people.openId, openId)))[0];

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00', env: { HOMEWATCH_MEMBER_SYNC_MINUTES: '5' } });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '张医生' }] });
  });
  afterAll(() => t.close());

  it('makes whoever speaks in a group a member from then on; a private chat makes nobody a member', async () => {
    expect(await member(DONGFENG, CADRE)).toBe(false);
    await g.say('今天天气不错', { from: CADRE, chatId: DONGFENG, atBot: false });
    expect(await member(DONGFENG, CADRE)).toBe(true);
    expect(await member(HONGQI, CADRE)).toBe(false);
    await t.say('/帮助', { from: 'ou_mem_private', chatId: 'oc_p2p_mem_private', chatType: 'p2p' });
    const [row] = rowsOf<{ n: number }>(await t.db.db.execute(sql`select count(*)::int as n from chat_members where open_id = 'ou_mem_private'`));
    expect(row!.n).toBe(0);
  });

  it('makes whoever presses a button on a card in a bound group a member, even when the press is refused', async () => {
    await g.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 今天`, { from: CADRE, chatId: DONGFENG });
    const { messageId } = await g.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    const card = t.fake.messages.find((m) => m.replyTo === messageId && m.msgType === 'interactive')!;
    const sampled = findButton(JSON.parse(card.content), '已采样');
    const presser = 'ou_mem_presser';
    const res = await press(t, { operator: presser, chatId: DONGFENG, messageId: card.messageId, value: sampled.value });
    expect(res.toast?.content).toBe(dutyText.toast.refused.sample(t.hw.policy));
    expect(await member(DONGFENG, presser)).toBe(true);
  });

  it('the sync replaces a bound group\'s members with Lark\'s list, all pages, and learns their names; unbound groups are not read', async () => {
    const listed = Array.from({ length: 150 }, (_, i) => `ou_mem_m${String(i).padStart(3, '0')}`);
    t.fake.setMembers(DONGFENG, [DOCTOR, ...listed]);
    t.fake.setUser(listed[0]!, '王网格员');
    t.fake.setMembers(HONGQI, []);
    t.fake.setMembers(UNBOUND, ['ou_mem_unbound_member']);
    later(1);
    expect(await t.hw.membershipSync!.syncAll()).toEqual({ synced: 2, failed: 0 });

    // The cadre and the presser are no longer on Lark's list: the cache drops them.
    expect(await members(DONGFENG)).toEqual([DOCTOR, ...listed].sort());
    expect(await member(DONGFENG, CADRE)).toBe(false);
    expect(memberCalls(DONGFENG).map((c) => [c.query.member_id_type, c.query.page_size, c.query.page_token ?? null])).toEqual([
      ['open_id', '100', null],
      ['open_id', '100', '100'],
    ]);
    expect(memberCalls(UNBOUND)).toEqual([]);
    expect(await member(UNBOUND, 'ou_mem_unbound_member')).toBe(false);
    expect(await nameOf(listed[0]!)).toMatchObject({ name: '王网格员', source: 'member' });
    // Lark gave no name for the others: queued for the contact lookup.
    expect(await nameOf(listed[1]!)).toMatchObject({ name: null });
  });

  it('reads the lists again only when the configured interval has passed', async () => {
    const before = memberCalls(HONGQI).length;
    t.fake.setMembers(HONGQI, ['ou_mem_hongqi_new']);
    expect(await t.hw.membershipSync!.runOnce()).toBe(2);
    later(4);
    expect(await t.hw.membershipSync!.runOnce()).toBe(0);
    expect(await member(HONGQI, 'ou_mem_hongqi_new')).toBe(true);
    expect(memberCalls(HONGQI).length).toBe(before + 1);
    t.fake.setMembers(HONGQI, []);
    later(1);
    expect(await t.hw.membershipSync!.runOnce()).toBe(2);
    expect(await member(HONGQI, 'ou_mem_hongqi_new')).toBe(false);
  });

  it('an added event makes people members at once and teaches their names; a deleted event takes it away at once', async () => {
    const newcomer = 'ou_mem_newcomer';
    later(1);
    const added = await t.memberEvent({ eventType: 'im.chat.member.user.added_v1', chatId: HONGQI, operatorOpenId: ADMIN, users: [{ openId: newcomer, name: '孙民警' }] });
    expect(added.status).toBe(200);
    expect(await member(HONGQI, newcomer)).toBe(true);
    expect(await nameOf(newcomer)).toMatchObject({ name: '孙民警', source: 'member' });

    later(1);
    await t.memberEvent({ eventType: 'im.chat.member.user.deleted_v1', chatId: HONGQI, operatorOpenId: ADMIN, users: [{ openId: newcomer, name: '孙民警' }] });
    expect(await member(HONGQI, newcomer)).toBe(false);

    // Back in the group and speaking: a member again.
    later(1);
    await g.say('我回来了', { from: newcomer, chatId: HONGQI, atBot: false });
    expect(await member(HONGQI, newcomer)).toBe(true);
  });

  it('keeps member events sealed in the inbox until processed, then drops them; a redelivery changes nothing', async () => {
    const person = 'ou_mem_twice';
    const eventId = 'evt_mem_added_twice';
    later(1);
    await t.memberEvent({ eventType: 'im.chat.member.user.added_v1', chatId: HONGQI, operatorOpenId: ADMIN, users: [{ openId: person, name: '周干部' }], eventId });
    const [stored] = await t.db.db.select().from(inbox).where(eq(inbox.eventId, eventId));
    expect(stored).toMatchObject({ status: 'done', payloadEnc: null, messageId: null, eventType: 'im.chat.member.user.added_v1' });
    later(1);
    await t.memberEvent({ eventType: 'im.chat.member.user.deleted_v1', chatId: HONGQI, operatorOpenId: ADMIN, users: [{ openId: person, name: '周干部' }] });
    later(1);
    const again = await t.memberEvent({ eventType: 'im.chat.member.user.added_v1', chatId: HONGQI, operatorOpenId: ADMIN, users: [{ openId: person, name: '周干部' }], eventId });
    expect(again.status).toBe(200);
    expect(await member(HONGQI, person)).toBe(false);
  });

  it('the bot removed from a group knows nobody in it any more', async () => {
    expect((await members(DONGFENG)).length).toBeGreaterThan(100);
    later(1);
    await t.memberEvent({ eventType: 'im.chat.member.bot.deleted_v1', chatId: DONGFENG, operatorOpenId: ADMIN });
    expect(await members(DONGFENG)).toEqual([]);
  });

  it('a sync that Lark fails keeps the cached list; a group the bot is no longer in is emptied', async () => {
    later(1);
    await g.say('在', { from: CADRE, chatId: DONGFENG, atBot: false });
    t.fake.failNext({ method: 'GET', pathPrefix: MEMBERS_PATH(DONGFENG) }, { status: 500, body: { code: 1, msg: 'internal' } });
    later(5);
    expect(await t.hw.membershipSync!.syncAll()).toEqual({ synced: 0, failed: 2 });
    expect(await member(DONGFENG, CADRE)).toBe(true);

    t.fake.setUnreachable(DONGFENG);
    later(5);
    expect(await t.hw.membershipSync!.syncAll()).toEqual({ synced: 1, failed: 1 });
    expect(await members(DONGFENG)).toEqual([]);
    t.fake.setUnreachable(DONGFENG, false);
  });

  it('a sighting after the list was read, or after the removal, outlives both whatever order they arrive in', async () => {
    const chatId = 'oc_mem_order';
    const at = (hhmm: string) => new Date(`2026-11-24T${hhmm}:00+08:00`);
    await markMembers(t.db.db, { chatId, openIds: ['ou_mem_late'], at: at('10:05') });
    await replaceMembers(t.db.db, { chatId, openIds: ['ou_mem_listed'], readAt: at('10:00') });
    expect(await membersOf(t.db.db, chatId)).toEqual(['ou_mem_late', 'ou_mem_listed']);
    expect(await unmarkMembers(t.db.db, { chatId, openIds: ['ou_mem_late', 'ou_mem_listed'], at: at('10:02') })).toBe(1);
    expect(await membersOf(t.db.db, chatId)).toEqual(['ou_mem_late']);
    await markMembers(t.db.db, { chatId, openIds: ['ou_mem_late'], at: at('09:00') });
    await replaceMembers(t.db.db, { chatId, openIds: [], readAt: at('10:04') });
    expect(await membersOf(t.db.db, chatId)).toEqual(['ou_mem_late']);
  });

  it('acknowledges a member event it cannot read and changes nothing', async () => {
    const noChat = { schema: '2.0', header: { event_id: 'evt_mem_bad', event_type: 'im.chat.member.user.added_v1', token: VERIFICATION_TOKEN }, event: { users: [] } };
    const res = await t.post('/lark/events', signedRequest(noChat, { encryptKey: ENCRYPT_KEY, timestamp: unixSeconds(t.clock.now) }));
    expect(res.status).toBe(200);
    expect(await t.db.db.select().from(inbox).where(eq(inbox.eventId, 'evt_mem_bad'))).toEqual([]);
  });

  it('never posts a full ID number or phone in a group', () => {
    g.expectNoLeaks();
  });
});
