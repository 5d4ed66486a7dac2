import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf, currentCard, findButton, press, textOf } from '../helpers/cards';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const DONGFENG = 'oc_dongfeng';
const HQ = 'oc_hq';
const CADRE = 'ou_cadre';
const LEAD = 'ou_lead';
const DOCTOR = 'ou_doctor';

describe('/帮助 by task (issue 15): one phone screen per role, buttons for the daily commands', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await t.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    await t.say('/角色 @_user_2 村医 东风村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p', mentions: [{ key: '@_user_2', openId: DOCTOR, name: '张医生' }] });
  });
  afterAll(() => t.close());

  const helpCardOf = async (from: string, chatId: string, chatType: 'group' | 'p2p' = 'group') => {
    const { messageId } = await t.say('/帮助', { from, chatId, chatType });
    const message = t.fake.messages.find((m) => m.replyTo === messageId)!;
    expect(message.msgType).toBe('interactive');
    return { message, card: currentCard(message) };
  };
  const bodyLines = (card: unknown) => textOf(card).split('\n').filter((l) => l.startsWith('• '));

  it.each([
    ['a village cadre', CADRE, DONGFENG, 'group', '村干部', ['/登记', '/今日', '/上报', '/关闭 #12 误登记']],
    ['a village doctor', DOCTOR, 'oc_p2p_doctor', 'p2p', '村医/采样员', ['/采样', '/结果', '/体温']],
    ['an HQ member', LEAD, HQ, 'group', '组长/指挥部', ['/汇总', '/今日 东风村', '/解除']],
    ['the admin', ADMIN, 'oc_admin', 'p2p', '管理员', ['/村 添加', '/绑定', '/角色']],
  ] as const)('shows %s their daily commands in at most 12 lines with 登记/今日/名单/更多', async (_who, from, chatId, chatType, title, words) => {
    const { card } = await helpCardOf(from, chatId, chatType);
    expect(textOf(card)).toContain(title);
    const lines = bodyLines(card);
    expect(lines.length).toBeGreaterThan(2);
    expect(textOf(card).split('\n').length).toBeLessThanOrEqual(14); // title + ≤12 lines + footer
    for (const w of words) expect(lines.join('\n')).toContain(w);
    expect(buttonsOf(card).map((b) => b.text)).toEqual(['登记', '今日', '名单', '更多']);
  });

  it('a cadre sees no set-up commands; the admin sees no village work first', async () => {
    const cadre = bodyLines((await helpCardOf(CADRE, DONGFENG)).card).join('\n');
    expect(cadre).not.toContain('/绑定');
    expect(cadre).not.toContain('/角色');
  });

  it('the buttons run the commands as the presser: 今日 posts the day cards, 登记 the detail, 更多 the full list', async () => {
    const { message, card } = await helpCardOf(CADRE, DONGFENG);
    const answers = () => t.fake.messages.filter((m) => m.replyTo === message.messageId);
    await press(t, { operator: CADRE, chatId: DONGFENG, messageId: message.messageId, value: findButton(card, '登记').value });
    expect(answers().at(-1)!.content).toContain('例子：');
    await press(t, { operator: CADRE, chatId: DONGFENG, messageId: message.messageId, value: findButton(card, '更多').value });
    expect(answers().at(-1)!.content).toContain('可用命令：');
    const before = answers().length;
    await press(t, { operator: CADRE, chatId: DONGFENG, messageId: message.messageId, value: findButton(card, '今日').value });
    expect(answers().length).toBeGreaterThan(before);
    await press(t, { operator: CADRE, chatId: DONGFENG, messageId: message.messageId, value: findButton(card, '名单').value });
    expect(answers().at(-1)!.content).toMatch(/名单|没有/);
  });

  it('/帮助 登记 (any command, by any alias) shows that command with two examples', async () => {
    for (const [topic, first, second] of [
      ['登记', '/登记 张三', '/登记 孙 丽'],
      ['查看', '/查看 #12', '/查看 王建国'],
      ['/关闭', '/关闭 #12 误登记', '/关闭 #12 迁出'],
      ['体温', '/体温 #12 36.5', '/体温 #12 下午'],
    ] as const) {
      const { replies } = await t.say(`/帮助 ${topic}`, { from: CADRE, chatId: DONGFENG });
      expect(replies).toHaveLength(1);
      const examples = replies[0]!.split('\n').filter((l) => l.startsWith('  /'));
      expect(examples, topic).toHaveLength(2);
      expect(examples[0]).toContain(first);
      expect(examples[1]).toContain(second);
      expect(replies[0]).not.toContain('可用命令：');
    }
    const unknown = await t.say('/帮助 飞行', { from: CADRE, chatId: DONGFENG });
    expect(unknown.replies[0]).toContain('/帮助 全部');
  });
});
