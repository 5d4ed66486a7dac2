import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases } from '../../src/db/schema';
import { idCheckChar } from '../../src/domain/id-number';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const VILLAGE_CHAT = 'oc_dongfeng';
const CADRE = 'ou_cadre_dongfeng';

function validId(first17: string) {
  return first17 + idCheckChar(first17);
}

describe('/register end to end (signed, encrypted, through inbox and outbox)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
  });
  afterAll(() => t.close());

  it('registers a person typed in a bound village group and replies with a masked card', async () => {
    const id = validId('11010519491231002');
    const { status, replies } = await t.say(`/登记 张三 ${id} 13812345678 居家隔离 11月20日 幸福路8号`, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    const card = replies[0]!;
    expect(card).toContain('已登记 #1');
    expect(card).toContain('张*');
    expect(card).toContain('110105********' + id.slice(-4));
    expect(card).toContain('138****5678');
    expect(card).toContain('居家隔离（7天）');
    expect(card).toContain('东风村');
    expect(card).toContain('11月20日 – 11月26日');
    expect(card).toContain('首次核酸') ;
    expect(card).toContain('11月23日(第4天)');
    expect(card).toContain('今天：第4/7天');
    expect(card).toContain('76岁');
    expect(card).not.toContain(id);
    expect(card).not.toContain('13812345678');
    expect(card).not.toContain('张三');

    const rows = await t.db.db.select().from(cases);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nameMasked: '张*', category: 'home_isolation', startDate: '2026-11-20', endDate: '2026-11-26', status: 'active' });
    expect(t.cipher.decrypt(rows[0]!.nameEnc)).toBe('张三');
    expect(rows[0]!.idNumberEnc).not.toContain(id);
    expect(rows[0]!.phoneEnc).not.toContain('13812345678');
    const audit = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.register'));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).not.toContain(id);
    expect(audit[0]).toMatchObject({ actorOpenId: CADRE, chatId: VILLAGE_CHAT, caseId: rows[0]!.id });
  });

  it('answers the same ID with the existing case number and stores nothing new', async () => {
    const id = validId('11010519491231002');
    const { replies } = await t.say(`/登记 ${id} 李四 13900001111 集中隔离`, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toEqual([expect.stringContaining('已在管控中：#1')]);
    expect(await t.db.db.select().from(cases)).toHaveLength(1);
  });

  it('names every wrong field in one reply and changes nothing', async () => {
    const badId = '110105194912310020'; // wrong check digit for this body unless it happens to be 0
    const first17 = badId.slice(0, 17);
    const wrong = idCheckChar(first17) === '0' ? first17 + '1' : badId;
    const { replies } = await t.say(`/登记 王五 ${wrong} 1381234567 隔壁 明天`, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toHaveLength(1);
    const text = replies[0]!;
    expect(text).toContain('登记未成功');
    expect(text).toContain('校验位');
    expect(text).toContain('手机号');
    expect(text).toContain('示例：/登记');
    expect(text).not.toContain(wrong);
    expect(await t.db.db.select().from(cases)).toHaveLength(1);
  });

  it('refuses someone with no role in an unbound group', async () => {
    const { replies } = await t.say(`/登记 赵六 ${validId('11010519800101001')} 13812345678 居家隔离`, {
      from: 'ou_stranger',
      chatId: 'oc_unbound',
    });
    expect(replies[0]).toContain('没有登记权限');
    expect(await t.db.db.select().from(cases)).toHaveLength(1);
  });

  it('shows a case, masked, to a cadre of its village and refuses another village', async () => {
    const own = await t.say('/查看 #1', { from: CADRE, chatId: VILLAGE_CHAT });
    expect(own.replies[0]).toContain('管控对象 #1');
    expect(own.replies[0]).toContain('张*');
    await t.say('/绑定 红旗村', { from: ADMIN, chatId: 'oc_hongqi' });
    const other = await t.say('/查看 1', { from: 'ou_cadre_hongqi', chatId: 'oc_hongqi' });
    expect(other.replies[0]).toContain('没有你可查看的');
  });

  it('gives an example a doctor can copy: their own village, not the first one', async () => {
    await t.say('/角色 @_user_2 村医 红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p', mentions: [{ key: '@_user_2', openId: 'ou_doctor_hongqi', name: '红医生' }] });
    const { replies } = await t.say('/登记 王五', { from: 'ou_doctor_hongqi', chatId: 'oc_p2p_doctor', chatType: 'p2p' });
    const example = replies[0]!.split('\n').find((l) => l.startsWith('示例：/登记 '))!;
    expect(example).toContain(' 红旗村 ');
    expect(example).not.toContain('东风村');
  });

  it('shows the whole ID, phone and address only in a private chat with a lead or admin, and records it', async () => {
    const [c] = await t.db.db.select().from(cases).where(eq(cases.id, 1));
    const idNumber = t.cipher.decrypt(c!.idNumberEnc);
    const group = await t.say('/查看 #1', { from: ADMIN, chatId: VILLAGE_CHAT });
    expect(group.replies[0]).not.toContain(idNumber);
    const p2p = await t.say('/查看 #1', { from: ADMIN, chatId: 'oc_p2p_show', chatType: 'p2p' });
    expect(p2p.replies[0]).toContain(idNumber);
    expect(p2p.replies[0]).toContain(t.cipher.decrypt(c!.phoneEnc));
    expect(p2p.replies[0]).toContain(`${t.cipher.decrypt(c!.nameEnc)}　`);
    const views = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'case.view_full'));
    expect(views).toMatchObject([{ caseId: 1, actorOpenId: ADMIN, chatId: 'oc_p2p_show' }]);
  });
});
