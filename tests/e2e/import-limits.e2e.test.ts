import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imports } from '../../src/db/schema';
import { sendFile } from '../helpers/files';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { buildXlsxBomb } from '../helpers/xlsx-bomb';

const ADMIN_P2P = 'oc_limits_admin';
const VILLAGE = 'oc_limits_village';
const LEAD = 'ou_limits_lead';

/** Issue 11, finding 7 through /导入: a crafted workbook gets a clear reply and changes nothing. */
describe('/导入 of a zip bomb', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-23T10:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p' });
    await t.say('/绑定 村 东风村', { from: ADMIN, chatId: VILLAGE });
    await t.say('/角色 @_user_2 组长', { from: ADMIN, chatId: ADMIN_P2P, chatType: 'p2p', mentions: [{ key: '@_user_2', openId: LEAD, name: '赵组长' }] });
  });
  afterAll(() => t.close());

  it('answers 文件太大或格式异常 with what the limits are, and imports nothing', async () => {
    await sendFile(t, { from: LEAD, chatId: VILLAGE, fileName: '名单<at user_id="all">.xlsx', bytes: await buildXlsxBomb({ rows: 4_000, columns: 500 }) });
    const { replies } = await t.say('/导入', { from: LEAD, chatId: VILLAGE });
    const answer = replies.join('\n');
    expect(answer).toContain('文件太大或格式异常');
    expect(answer).toContain('最多 10000 行');
    expect(answer).toContain('名单＜at user＿id="all"＞.xlsx');
    const [row] = await t.db.db.select().from(imports);
    expect(row).toMatchObject({ status: 'failed', sealedRows: null });
  });
});
