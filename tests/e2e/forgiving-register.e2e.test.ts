import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from '../../src/db/schema';
import { idCheckChar } from '../../src/domain/id-number';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';

const VILLAGE_CHAT = 'oc_dongfeng';
const CADRE = 'ou_cadre_dongfeng';
const validId = (first17: string) => first17 + idCheckChar(first17);

describe('forgiving registration (issue 15): what was typed is read, or asked about', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村,红旗村', { from: ADMIN, chatId: 'oc_admin', chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE_CHAT });
  });
  afterAll(() => t.close());

  it('registers a spaced name, a phone with a note and a group address; the note is sealed and shown', async () => {
    const { replies } = await t.say(`/登记 孙 丽 ${validId('11010519800101002')} 13900001111（母亲） 居家隔离 九组`, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('已登记 #1');
    expect(replies[0]).toContain('孙*');
    expect(replies[0]).toContain('139****1111（母亲）');
    const [row] = await t.db.db.select().from(cases);
    expect(t.cipher.decrypt(row!.nameEnc)).toBe('孙丽');
    expect(t.cipher.decrypt(row!.addressEnc!)).toBe('九组');
    expect(row!.contactNoteEnc).not.toContain('母亲');
    expect(t.cipher.decrypt(row!.contactNoteEnc!)).toBe('母亲');

    const shown = await t.say('/查看 #1', { from: CADRE, chatId: VILLAGE_CHAT });
    expect(shown.replies[0]).toContain('（母亲）');
  });

  it('asks which word is the name when two could be, and stores nothing', async () => {
    const { replies } = await t.say(`/登记 王五 赵六 ${validId('11010519800101003')} 13900002222 居家隔离`, { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies).toEqual([expect.stringContaining('“王五”和“赵六”都像姓名')]);
    expect(replies[0]).not.toContain('缺少姓名');
    expect(await t.db.db.select().from(cases)).toHaveLength(1);
  });

  it('/修改 takes a phone with its note and replaces the note', async () => {
    const { replies } = await t.say('/修改 #1 手机 13900003333（父亲）', { from: CADRE, chatId: VILLAGE_CHAT });
    expect(replies[0]).toContain('139****3333');
    const [row] = await t.db.db.select().from(cases);
    expect(t.cipher.decrypt(row!.contactNoteEnc!)).toBe('父亲');
  });
});
