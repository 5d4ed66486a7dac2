import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { villages } from '../../src/db/schema';
import { cardText } from '../../src/messages/cards';
import { currentCard, findButton, press } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import type { MentionInput } from '../helpers/lark-delivery';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId } from './group-privacy';

const ADMIN_P2P = 'oc_p2p_cb_admin';
const DONGFENG = 'oc_cb_dongfeng';
const HONGQI = 'oc_cb_hongqi';
const DOCTOR = 'ou_cb_doctor';
const CADRE = 'ou_cb_cadre';
const mention = (openId: string, name: string): MentionInput => ({ key: '@_user_2', openId, name });

/** Issue 11, findings 5 and 10: a card press is client input like any other. */
describe('card callbacks under tampering', () => {
  let t: TestApp;
  let testsCard: FakeMessage;
  const ids: Record<string, number> = {};
  const pageValue = (villageId: number, extra: Record<string, unknown> = {}) => ({ action: 'card.page', card: 'tests', villageId, date: '2026-11-23', page: 0, ...extra });
  const patchesQueuedFor = async (messageId: string) =>
    rowsOf<{ n: number }>(await t.db.db.execute(sql`select count(*)::int as n from outbox where operation->>'kind' = 'patch' and operation->>'messageId' = ${messageId}`))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [mention(DOCTOR, '张医生')] });
    await t.say(`/登记 张三 ${validId('11010519491231002')} 13812345678 居家隔离 11月20日`, { from: CADRE, chatId: DONGFENG });
    await t.say(`/登记 李四 ${validId('11010519500101003')} 13812345679 居家隔离 11月20日`, { from: CADRE, chatId: HONGQI });
    for (const v of await t.db.db.select().from(villages)) ids[v.name] = v.id;
    const { messageId } = await t.say('/今日', { from: DOCTOR, chatId: DONGFENG });
    testsCard = t.fake.messages.find((m) => m.replyTo === messageId)!;
  });
  afterAll(() => t.close());

  it('paging names another village in this village’s group: refused with a toast, no card, no PATCH', async () => {
    const r = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: testsCard.messageId, value: pageValue(ids['红旗村']!) });
    expect(r).toEqual({ status: 200, toast: { type: 'error', content: cardText.notThisPlace }, card: undefined });
    expect(await patchesQueuedFor(testsCard.messageId)).toBe(0);
  });

  it('paging in a private chat: a stranger is refused, the village’s doctor gets the page', async () => {
    const stranger = await press(t, { operator: 'ou_stranger', chatId: 'oc_p2p_stranger', messageId: testsCard.messageId, value: pageValue(ids['东风村']!) });
    expect(stranger.toast).toEqual({ type: 'error', content: cardText.notThisPlace });
    expect(stranger.card).toBeUndefined();
    const otherVillage = await press(t, { operator: DOCTOR, chatId: 'oc_p2p_doctor', messageId: testsCard.messageId, value: pageValue(ids['红旗村']!) });
    expect(otherVillage.toast?.content).toBe(cardText.notThisPlace);
  });

  it.each([
    ['an id beyond the integer range', { action: 'test.sample', villageId: 1, date: '2026-11-23', dutyId: 1e12 }],
    ['a negative id', { action: 'test.sample', villageId: 1, date: '2026-11-23', dutyId: -5 }],
    ['a village id beyond the range', { action: 'card.page', card: 'tests', villageId: 2 ** 40, date: '2026-11-23' }],
    ['a date that does not exist', { action: 'card.page', card: 'tests', villageId: 1, date: '2026-02-30' }],
    ['a date in year 1', { action: 'card.page', card: 'tests', villageId: 1, date: '0001-01-01' }],
    ['a negative page', { action: 'card.page', card: 'tests', villageId: 1, date: '2026-11-23', page: -1 }],
    ['an alert id as a string', { action: 'alert.transfer', alertId: '1; drop table cases' }],
    ['an unknown action', { action: 'case.delete', caseId: 1 }],
  ])('%s: a toast, never HTTP 500', async (_, value) => {
    const r = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value });
    expect(r).toEqual({ status: 200, toast: { type: 'warning', content: cardText.staleAction }, card: undefined });
  });

  it('a press that changes nothing patches the card at most once; again, not at all', async () => {
    const before = await patchesQueuedFor(testsCard.messageId);
    await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value: pageValue(ids['东风村']!) });
    const once = await patchesQueuedFor(testsCard.messageId);
    expect(once - before).toBeLessThanOrEqual(1);
    const again = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value: pageValue(ids['东风村']!) });
    expect(again.card).toBeUndefined();
    expect(await patchesQueuedFor(testsCard.messageId)).toBe(once);
  });

  it('a press that changes the card patches it; a press on a message the bot never sent is answered without a PATCH', async () => {
    const sample = findButton(currentCard(testsCard), '已采样');
    const r = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value: sample.value });
    expect(r.toast?.type).toBe('success');
    expect(currentCard(testsCard)).toEqual(r.card);

    const result = { ...findButton(currentCard(testsCard), '阴性').value };
    const unknown = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: 'om_never_sent_by_the_bot', value: result });
    expect(unknown.toast?.type).toBe('success');
    expect(unknown.card).toBeUndefined();
    expect(await patchesQueuedFor('om_never_sent_by_the_bot')).toBe(0);
  });

  it('a press whose handling fails is answered with a toast, not HTTP 500', async () => {
    // Fault injection in the database itself: the press's transaction fails at its last write.
    await t.db.db.execute(sql`create function hw_test_fail() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`);
    await t.db.db.execute(sql`create trigger hw_test_fail before insert on card_messages for each row execute function hw_test_fail()`);
    const r = await press(t, { operator: DOCTOR, chatId: DONGFENG, messageId: testsCard.messageId, value: pageValue(ids['东风村']!) });
    await t.db.db.execute(sql`drop trigger hw_test_fail on card_messages`);
    expect(r).toEqual({ status: 200, toast: { type: 'error', content: cardText.actionFailed }, card: undefined });
  });
});
