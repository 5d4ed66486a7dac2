import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const VILLAGE_CHAT = 'oc_dongfeng';
const CADRE = 'ou_cadre_dongfeng';

describe('safe suggestions for unknown commands (issue 15)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
  });
  afterAll(() => t.close());

  it.each(['/删除 #1', '/撤销 #1', '/删除#1', '/取消登记 #1'])('%s explains /关闭 #N 误登记, never /解除', async (text) => {
    const { replies } = await t.say(text, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('/关闭 #编号 误登记');
    expect(replies[0]).not.toContain('/解除');
  });

  it('a near miss of a reading command is suggested', async () => {
    const { replies } = await t.say('/查春 #1', { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies[0]).toContain('是不是 /查看？');
  });

  it('a near miss of a changing command is not: the reply points to /帮助', async () => {
    for (const [text, changing] of [['/解出 #1', '/解除'], ['/登己 张三', '/登记'], ['/关比 #1', '/关闭']] as const) {
      const { replies } = await t.say(text, { from: CADRE, chatId: VILLAGE_CHAT });
      expect(replies[0]).not.toContain(changing);
      expect(replies[0]).toContain('/帮助');
    }
  });
});
