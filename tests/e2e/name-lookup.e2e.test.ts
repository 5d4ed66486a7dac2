import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const DONGFENG = 'oc_dongfeng';
const HONGQI = 'oc_hongqi';
const HQ = 'oc_hq';
const CADRE = 'ou_cadre_dongfeng';
const HONGQI_CADRE = 'ou_cadre_hongqi';
const LEAD = 'ou_lead';
const validId = (first17: string) => first17 + idCheckChar(first17);

describe('lookup by name (issue 15): /查看 王建国, /记录 孙 丽, any command taking #N', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 村 红旗村', { from: ADMIN, chatId: HONGQI });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say(`/登记 王建国 ${validId('11010519800101001')} 13900000001 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #1
    await t.say(`/登记 孙丽 ${validId('11010519800101002')} 13900000002 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #2
    await t.say(`/登记 王建国 ${validId('11010519800101003')} 13900000003 居家隔离`, { from: HONGQI_CADRE, chatId: HONGQI }); // #3
    await t.say(`/登记 孙丽 ${validId('11010519800101004')} 13900000004 居家隔离`, { from: CADRE, chatId: DONGFENG }); // #4
  });
  afterAll(() => t.close());

  it('one match in the villages the asker may see is that case, also across a namesake elsewhere', async () => {
    const { replies } = await t.say('/查看 王建国', { from: CADRE, chatId: DONGFENG });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('#1');
    expect(replies[0]).toContain('王**');
    expect(replies[0]).not.toContain('#3');
    const other = await t.say('/查看 王建国', { from: HONGQI_CADRE, chatId: HONGQI });
    expect(other.replies[0]).toContain('#3');
  });

  it('normalises spaces and full-width before hashing: /记录 王 建国', async () => {
    const { replies } = await t.say('/记录 王 建国', { from: CADRE, chatId: DONGFENG });
    expect(replies[0]).toContain('#1');
  });

  it('several matches: a masked list with a button each; pressing runs the command with that number', async () => {
    const { messageId, replies } = await t.say('/查看 孙丽', { from: CADRE, chatId: DONGFENG });
    expect(replies).toHaveLength(1);
    const message = t.fake.messages.find((m) => m.replyTo === messageId)!;
    const card = currentCard(message);
    expect(textOf(card)).toContain('有 2 位“孙*”');
    expect(textOf(card)).not.toContain('孙丽');
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['选 #4', '选 #2']);
    const r = await press(t, { operator: CADRE, chatId: DONGFENG, messageId: message.messageId, value: findButton(card, '选 #2').value });
    expect(r.status).toBe(200);
    const answer = t.fake.messages.filter((m) => m.replyTo === message.messageId);
    expect(answer).toHaveLength(1);
    expect(textOf(currentCard(answer[0]!))).toContain('#2');
    expect(textOf(currentCard(answer[0]!))).not.toContain('孙丽');
  });

  it('HQ sees every village: two 王建国 to choose from', async () => {
    const { messageId } = await t.say('/查看 王建国', { from: LEAD, chatId: HQ });
    const card = currentCard(t.fake.messages.find((m) => m.replyTo === messageId)!);
    expect(buttonsOf(card).map((b) => b.text).sort()).toEqual(['选 #1', '选 #3']);
    expect(textOf(card)).toContain('东风村');
    expect(textOf(card)).toContain('红旗村');
  });

  it('no match says so, without finding cases of villages the asker may not see', async () => {
    const none = await t.say('/查看 李四', { from: CADRE, chatId: DONGFENG });
    expect(none.replies).toEqual([expect.stringContaining('没有找到名叫“李*”的人员')]);
    // 孙丽 lives only in 东风村: the 红旗村 cadre is told there is none, not shown who.
    const elsewhere = await t.say('/查看 孙丽', { from: HONGQI_CADRE, chatId: HONGQI });
    expect(elsewhere.replies).toEqual([expect.stringContaining('没有找到')]);
  });

  it('works for lifecycle commands: /修改 孙丽 … asks which one; /修改 王建国 手机 … edits #1', async () => {
    const ask = await t.say('/修改 孙丽 手机 13900009999', { from: CADRE, chatId: DONGFENG });
    const card = currentCard(t.fake.messages.find((m) => m.replyTo === ask.messageId)!);
    expect(findButton(card, '选 #2').value).toMatchObject({ action: 'command.run', text: '/修改 #2 手机 13900009999' });
    const { replies } = await t.say('/修改 王建国 手机 13900008888', { from: CADRE, chatId: DONGFENG });
    expect(replies[0]).toContain('#1');
    expect(replies[0]).toContain('139****8888');
  });
});
