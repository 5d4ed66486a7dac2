import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number';
import { currentCard } from '../helpers/cards';
import type { FakeMessage } from '../helpers/fake-lark-server';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const DONGFENG = 'oc_dongfeng';
const HONGQI = 'oc_hongqi';
const HQ = 'oc_hq';
const CADRE = 'ou_cadre';
const DOCTOR = 'ou_doctor';
const LEAD = 'ou_lead';
const validId = (first17: string) => first17 + idCheckChar(first17);
const headerOf = (m: FakeMessage) => (currentCard(m) as { header: { template: string; title: { content: string } } }).header;

describe('cards say what they hold (issue 15): colour by content, no empty cards, refusals that say why', () => {
  let t: TestApp;
  const today = async (from: string, chatId: string, text = '/今日') => {
    const { messageId, replies } = await t.say(text, { from, chatId });
    return { cards: t.fake.messages.filter((m) => m.replyTo === messageId && m.msgType === 'interactive'), replies };
  };
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T09:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '张医生' }] });
    await t.say(`/登记 张三 ${validId('11010519800101001')} 13900000001 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #1, day 1: a test today
    await t.say(`/登记 李四 ${validId('11010519800101002')} 13900000002 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #2
  });
  afterAll(() => t.close());

  it('orange while work waits, red with a positive result, green only when all is done', async () => {
    const [tests, temps] = (await today(CADRE, DONGFENG)).cards;
    expect(headerOf(tests!).template).toBe('orange');
    expect(headerOf(temps!).template).toBe('orange');
    for (const n of [1, 2]) await t.say(`/采样 #${n}`, { from: DOCTOR, chatId: DONGFENG });
    await t.say('/结果 #1 阴性', { from: DOCTOR, chatId: DONGFENG });
    await t.say('/结果 #2 阴性', { from: DOCTOR, chatId: DONGFENG });
    expect(headerOf((await today(CADRE, DONGFENG)).cards[0]!).template).toBe('green');
    for (const n of [1, 2]) await t.say(`/体温 #${n} 36.5`, { from: DOCTOR, chatId: DONGFENG });
    expect(headerOf((await today(CADRE, DONGFENG)).cards[1]!).template).toBe('green');
  });

  it('a village with nothing to do today gets a line, not two empty cards', async () => {
    const { cards, replies } = await today(CADRE, HONGQI);
    expect(cards).toHaveLength(0);
    expect(replies).toEqual([expect.stringContaining('红旗村今天没有需要采样的人')]);
    expect(replies[0]).toContain('没有需要测体温的人');
  });

  it('/今日 in HQ without a village names one to copy', async () => {
    const { replies } = await today(LEAD, HQ);
    expect(replies).toEqual(['请写村名，如 /今日 东风村（指挥部看某村今天的采样和体温）。']);
  });

  it('after a positive result, /体温 says that the routine work stopped and why', async () => {
    await t.say(`/登记 王五 ${validId('11010519800101003')} 13900000003 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #3
    await t.say('/采样 #3', { from: DOCTOR, chatId: DONGFENG });
    await t.say('/结果 #3 阳性', { from: DOCTOR, chatId: DONGFENG });
    const { replies } = await t.say('/体温 #3 36.4', { from: DOCTOR, chatId: DONGFENG });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('#3 第1天核酸阳性');
    expect(replies[0]).toContain('已停止');
    expect(headerOf((await today(CADRE, DONGFENG)).cards[0]!).template).toBe('red');
  });
});
