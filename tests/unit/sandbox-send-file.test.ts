import { afterEach, describe, expect, it } from 'vitest';
import { type LarkPlatform, PLATFORM_APP_ID, PLATFORM_APP_SECRET, startLarkPlatform } from '../../src/sandbox/lark-platform';
import { MAX_SENT_FILE_BYTES, readSentFile } from '../../src/sandbox/sent-file';

const body = (base64: string, fileName = '名单.csv') => ({ from: 'ou_a', chatId: 'oc_b', fileName, base64 });

describe('a file sent from the sandbox page', () => {
  it('decodes the base64 the page sends', () => {
    const result = readSentFile(body(Buffer.from('姓名,身份证号\n').toString('base64')));
    expect(result).toMatchObject({ ok: true, from: 'ou_a', chatId: 'oc_b', fileName: '名单.csv' });
    expect(result.ok && result.bytes.toString('utf8')).toBe('姓名,身份证号\n');
  });

  it('refuses an empty file, a file over the cap, and a body that is not a file', () => {
    expect(readSentFile(body(''))).toEqual({ ok: false, error: 'file_empty' });
    expect(readSentFile(body(Buffer.alloc(MAX_SENT_FILE_BYTES + 1).toString('base64')))).toEqual({ ok: false, error: 'file_too_large' });
    expect(readSentFile(body(Buffer.alloc(MAX_SENT_FILE_BYTES).toString('base64'))).ok).toBe(true);
    expect(readSentFile(body('not base64!'))).toEqual({ ok: false, error: 'bad_request' });
    expect(readSentFile(body('YQ==', ' '))).toEqual({ ok: false, error: 'bad_request' });
    expect(readSentFile(null)).toEqual({ ok: false, error: 'bad_request' });
  });
});

describe('the platform simulator across a restart', () => {
  const platforms: LarkPlatform[] = [];
  afterEach(async () => {
    await Promise.all(platforms.splice(0).map((p) => p.close()));
  });

  async function download(platform: LarkPlatform, messageId: string, fileKey: string) {
    const auth = await fetch(`${platform.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ app_id: PLATFORM_APP_ID, app_secret: PLATFORM_APP_SECRET }),
    });
    const { tenant_access_token: token } = (await auth.json()) as { tenant_access_token: string };
    return fetch(`${platform.url}/open-apis/im/v1/messages/${messageId}/resources/${fileKey}?type=file`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  it('still hands out a file a user sent, so /导入 after a restart can read it', async () => {
    const before = await startLarkPlatform();
    platforms.push(before);
    before.addResource('om_file', 'file_v3_k', Buffer.from('a,b\n'), '名单.csv');
    const after = await startLarkPlatform();
    platforms.push(after);
    after.restore(JSON.parse(JSON.stringify(before.snapshot())));

    const res = await download(after, 'om_file', 'file_v3_k');
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('a,b\n');
  });

  it('restores chats saved before users could send files', async () => {
    const platform = await startLarkPlatform();
    platforms.push(platform);
    platform.restore({ messages: [], files: [], images: [], incoming: [['om_old', 'oc_old']] });
    expect((await download(platform, 'om_old', 'file_v3_none')).status).toBe(400);
  });
});
