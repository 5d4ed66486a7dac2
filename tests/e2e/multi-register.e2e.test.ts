import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema';
import { idCheckChar } from '../../src/domain/id-number';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const VILLAGE_CHAT = 'oc_dongfeng';
const CADRE = 'ou_cadre_dongfeng';
const validId = (n: number) => {
  const first17 = `11010519800101${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
};

describe('several people in one message (issue 15)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
  });
  afterAll(() => t.close());

  it('registers each good line, lists the bad ones with their problems, in one reply', async () => {
    const text = [
      `/登记 张三 ${validId(1)} 13900000001 居家隔离 九组`,
      `/登记 李四 ${validId(2)} 1390000000 居家隔离`,
      `王五 ${validId(3)} 13900000003 居家隔离`,
      '',
      `/登记 赵六 ${validId(4)} 13900000004 随便`,
    ].join('\n');
    const { replies } = await t.say(text, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply).toContain('共 4 行：已登记 2 人，未成功 2 行');
    expect(reply).toContain('第1行 #1 张*');
    expect(reply).toContain('第3行 #2 王*');
    expect(reply).toMatch(/第2行：\n\s+手机号应为11位、以1开头（收到10位）/);
    expect(reply).toMatch(/第4行：\n\s+类别“随便”不存在/);
    expect(reply).not.toContain('写了两个不同的身份证号');
    expect(reply).not.toContain(validId(2));
    const rows = await t.db.db.select().from(cases);
    expect(rows.map((r) => t.cipher.decrypt(r.nameEnc)).sort()).toEqual(['张三', '王五']);
  });

  it('says which line is someone already under management', async () => {
    const text = [`/登记 张三 ${validId(1)} 13900000001 居家隔离`, `/登记 钱七 ${validId(5)} 13900000005 居家隔离`].join('\n');
    const { replies } = await t.say(text, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies[0]).toContain('已登记 1 人，未成功 1 行');
    expect(replies[0]).toMatch(/第1行：\n\s+此人已在管控中：#1/);
    expect(replies[0]).toContain('第2行 #3 钱*');
  });

  it('more lines than the policy allows points to /导入 and registers nobody', async () => {
    const lines = Array.from({ length: 21 }, (_, i) => `/登记 孙${'一二三四五六七八九十'[i % 10]}${'甲乙丙'[Math.floor(i / 10)]} ${validId(10 + i)} 139000001${String(i).padStart(2, '0')} 居家隔离`);
    const before = (await t.db.db.select().from(cases)).length;
    const { replies } = await t.say(lines.join('\n'), { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toEqual([expect.stringContaining('一条消息最多登记 20 人')]);
    expect(replies[0]).toContain('/导入');
    expect(await t.db.db.select().from(cases)).toHaveLength(before);
  });
});
