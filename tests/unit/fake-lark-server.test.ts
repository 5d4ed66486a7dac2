import { Readable } from 'node:stream';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_APP_SECRET, startFakeLark, type FakeLark } from '../helpers/fake-lark-server';

const APP_ID = 'cli_a1b2c3d4e5f60718';

interface AxiosLikeError {
  isAxiosError: true;
  name: string;
  response: { status: number; data: { code: number; msg: string }; headers: Record<string, string> };
}

async function rejection(promise: Promise<unknown>): Promise<AxiosLikeError> {
  try {
    await promise;
  } catch (error) {
    expect((error as AxiosLikeError).isAxiosError).toBe(true);
    expect((error as AxiosLikeError).name).toBe('AxiosError');
    return error as AxiosLikeError;
  }
  throw new Error('expected the SDK call to reject');
}

function newClient(fake: FakeLark, appSecret = FAKE_APP_SECRET) {
  return new lark.Client({
    appId: APP_ID,
    appSecret,
    domain: fake.url,
    loggerLevel: lark.LoggerLevel.error,
    // The SDK logs every rejected call; these tests provoke many on purpose.
    logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
    // A private cache: the SDK's default token cache is a process-wide singleton (LARK.md §5.8).
    cache: new lark.DefaultCache(),
  });
}

const text = (t: string) => JSON.stringify({ text: t });
const card = (title: string) =>
  JSON.stringify({
    schema: '2.0',
    config: { update_multi: true },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: `**${title}** body` }] },
  });

describe('fake Lark server through the real SDK', () => {
  let fake: FakeLark;
  let client: lark.Client;

  beforeAll(async () => {
    fake = await startFakeLark();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    client = newClient(fake);
  });

  it('issues a token and serves bot info (flat responses)', async () => {
    const info = (await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      code: number;
      bot: { open_id: string; app_name: string };
    };
    expect(info.code).toBe(0);
    expect(info.bot.open_id).toBe('ou_bot_homewatch');
    const tokenCall = fake.calls.find((c) => c.path === '/open-apis/auth/v3/tenant_access_token/internal');
    expect(tokenCall?.body).toEqual({ app_id: APP_ID, app_secret: FAKE_APP_SECRET });
    const infoCall = fake.calls.find((c) => c.path === '/open-apis/bot/v3/info');
    expect(infoCall?.headers.authorization).toMatch(/^Bearer t-/);
  });

  it('refuses a wrong app secret, so the SDK call fails', async () => {
    const bad = newClient(fake, 'wrong');
    const error = await rejection(
      bad.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_x', msg_type: 'text', content: text('x') } }),
    );
    expect(error.response.data).toEqual({ code: 10014, msg: 'app secret invalid' });
    expect(fake.calls.map((c) => c.path)).toEqual(['/open-apis/auth/v3/tenant_access_token/internal']);
  });

  it('answers 99991661 without an Authorization header', async () => {
    const res = await fetch(`${fake.url}/open-apis/bot/v3/info`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 99991661 });
  });

  it('sends a text message to a chat and records it', async () => {
    const res = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_group1', msg_type: 'text', content: text('hello group') },
    });
    expect(res.code).toBe(0);
    expect(res.data?.message_id).toMatch(/^om_/);
    expect(res.data?.chat_id).toBe('oc_group1');
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({
      chatId: 'oc_group1',
      receiveIdType: 'chat_id',
      receiveId: 'oc_group1',
      msgType: 'text',
      parsedContent: { text: 'hello group' },
    });
    expect(fake.textsTo('oc_group1')).toEqual(['hello group']);
  });

  it('sends to an open_id and finds it by open_id', async () => {
    await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: 'ou_user1', msg_type: 'text', content: text('hi you') },
    });
    expect(fake.textsTo('ou_user1')).toEqual(['hi you']);
  });

  it('validates parameters like the real API', async () => {
    const invalid = [
      { receive_id_type: 'chat_id' as const, data: { receive_id: 'ou_not_a_chat', msg_type: 'text', content: text('x') } },
      { receive_id_type: 'chat_id' as const, data: { receive_id: 'oc_g', msg_type: 'bogus', content: text('x') } },
      { receive_id_type: 'chat_id' as const, data: { receive_id: 'oc_g', msg_type: 'text', content: 'not json' } },
      { receive_id_type: 'chat_id' as const, data: { receive_id: 'oc_g', msg_type: 'text', content: '{"no_text":1}' } },
    ];
    for (const { receive_id_type, data } of invalid) {
      const error = await rejection(client.im.v1.message.create({ params: { receive_id_type }, data }));
      expect(error.response.status).toBe(400);
      expect(error.response.data.code).toBe(230001);
    }
    expect(fake.messages).toHaveLength(0);
  });

  it('rejects cards over 30 KB with 230025', async () => {
    const big = card('x'.repeat(31 * 1024));
    const error = await rejection(
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_g', msg_type: 'interactive', content: big } }),
    );
    expect(error.response.data.code).toBe(230025);
  });

  it('replies to an incoming message in its chat', async () => {
    fake.registerIncoming('om_incoming_1', 'oc_group2');
    const res = await client.im.v1.message.reply({
      path: { message_id: 'om_incoming_1' },
      data: { msg_type: 'text', content: text('got it') },
    });
    expect(res.code).toBe(0);
    expect(res.data?.parent_id).toBe('om_incoming_1');
    expect(res.data?.chat_id).toBe('oc_group2');
    expect(fake.messages[0]).toMatchObject({ replyTo: 'om_incoming_1', chatId: 'oc_group2' });
    expect(fake.textsTo('oc_group2')).toEqual(['got it']);
  });

  it('replies to a message the bot sent', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_group3', msg_type: 'text', content: text('first') },
    });
    await client.im.v1.message.reply({
      path: { message_id: sent.data!.message_id! },
      data: { msg_type: 'text', content: text('second'), reply_in_thread: true },
    });
    expect(fake.textsTo('oc_group3')).toEqual(['first', 'second']);
    expect(fake.messages[1]?.replyInThread).toBe(true);
  });

  it('refuses a reply to an unknown message with 230001', async () => {
    const error = await rejection(
      client.im.v1.message.reply({ path: { message_id: 'om_unknown' }, data: { msg_type: 'text', content: text('x') } }),
    );
    expect(error.response.status).toBe(400);
    expect(error.response.data.code).toBe(230001);
  });

  it('patches an interactive message and flattens the latest card text', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_cards', msg_type: 'interactive', content: card('Pending') },
    });
    const messageId = sent.data!.message_id!;
    expect(fake.textsTo('oc_cards')[0]).toContain('Pending');

    const res = await client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: card('Approved') } });
    expect(res).toMatchObject({ code: 0, data: {}, msg: 'ok' });
    expect(fake.messages[0]?.patches).toEqual([card('Approved')]);
    expect(fake.textsTo('oc_cards')[0]).toContain('Approved');
    expect(fake.textsTo('oc_cards')[0]).not.toContain('Pending');
  });

  it('refuses to patch text messages and incoming messages', async () => {
    const sent = await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_g', msg_type: 'text', content: text('plain') },
    });
    const textPatch = await rejection(client.im.v1.message.patch({ path: { message_id: sent.data!.message_id! }, data: { content: card('x') } }));
    expect(textPatch.response.data.code).toBe(230001);
    fake.registerIncoming('om_user_msg', 'oc_g');
    const foreign = await rejection(client.im.v1.message.patch({ path: { message_id: 'om_user_msg' }, data: { content: card('x') } }));
    expect(foreign.response.data.code).toBe(230027);
  });

  it('records delayed card updates and enforces two uses per token', async () => {
    const update = () =>
      client.request({
        method: 'POST',
        url: '/open-apis/interactive/v1/card/update',
        data: { token: 'c-abc', card: JSON.parse(card('Done')) },
      });
    expect(await update()).toEqual({ code: 0, msg: 'ok' });
    await update();
    const third = await rejection(update());
    expect(third.response.data.code).toBe(300040);
    expect(fake.cardUpdates).toHaveLength(2);
    expect(fake.cardUpdates[0]?.token).toBe('c-abc');
  });

  it('deduplicates sends and replies by uuid', async () => {
    const send = () =>
      client.im.v1.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: 'oc_idem', msg_type: 'text', content: text('once'), uuid: 'outbox-42' },
      });
    const first = await send();
    const second = await send();
    expect(second.code).toBe(0);
    expect(second.data?.message_id).toBe(first.data?.message_id);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]?.uuid).toBe('outbox-42');

    fake.registerIncoming('om_in_idem', 'oc_idem');
    const reply = () =>
      client.im.v1.message.reply({ path: { message_id: 'om_in_idem' }, data: { msg_type: 'text', content: text('r'), uuid: 'outbox-43' } });
    const r1 = await reply();
    const r2 = await reply();
    expect(r2.data?.message_id).toBe(r1.data?.message_id);
    expect(fake.messages).toHaveLength(2);
  });

  it('uploads a file via multipart and serves it back as a resource', async () => {
    // Non-UTF-8 bytes and embedded CRLF catch a lossy multipart parser.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\r\n'), Buffer.from([0xff, 0x00, 0xfe, 0x0d, 0x0a, 0x2d, 0x2d])]);
    const res = await client.im.v1.file.create({ data: { file_type: 'pdf', file_name: 'report.pdf', file: bytes } });
    expect(res?.file_key).toMatch(/^file_v3_/);
    expect(fake.files).toEqual([{ fileKey: res?.file_key, fileName: 'report.pdf', fileType: 'pdf', bytes }]);
    const call = fake.calls.find((c) => c.path === '/open-apis/im/v1/files');
    expect(call?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(call?.body).toMatchObject({ file_type: 'pdf', file_name: 'report.pdf', file: { size: bytes.length } });
  });

  it('uploads an image', async () => {
    const res = await client.im.v1.image.create({ data: { image_type: 'message', image: Buffer.from([0x89, 0x50, 0x4e, 0x47]) } });
    expect(res?.image_key).toMatch(/^img_v3_/);
    expect(fake.images[0]?.bytes).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it('downloads a registered message resource', async () => {
    fake.addResource('om_with_file', 'file_abc', Buffer.from('name,phone\n'), 'list.csv');
    const res = await client.im.v1.messageResource.get({
      path: { message_id: 'om_with_file', file_key: 'file_abc' },
      params: { type: 'file' },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of res.getReadableStream() as Readable) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('name,phone\n');
    const missing = await rejection(
      client.im.v1.messageResource.get({ path: { message_id: 'om_with_file', file_key: 'nope' }, params: { type: 'file' } }),
    );
    // responseType 'stream' also applies to errors: response.data is an unread IncomingMessage, not {code,msg}.
    expect(missing.response.status).toBe(400);
    expect(missing.response.data.code).toBeUndefined();
  });

  it('lists chat members with paging and answers is_in_chat', async () => {
    fake.setMembers('oc_members', ['ou_a', 'ou_b', 'ou_c']);
    const seen: string[] = [];
    for await (const page of await client.im.v1.chatMembers.getWithIterator({
      path: { chat_id: 'oc_members' },
      params: { member_id_type: 'open_id', page_size: 2 },
    })) {
      seen.push(...(page?.items ?? []).map((i) => i.member_id!));
    }
    expect(seen).toEqual(['ou_a', 'ou_b', 'ou_c']);
    const inChat = await client.im.v1.chatMembers.isInChat({ path: { chat_id: 'oc_members' } });
    expect(inChat.data?.is_in_chat).toBe(true);
  });

  it('gives members the names of the address book, and answers the contact API by open_id', async () => {
    fake.setUser('ou_named', '李村干部');
    fake.setMembers('oc_named', ['ou_named', 'ou_unlisted']);
    const members = await client.im.v1.chatMembers.get({ path: { chat_id: 'oc_named' }, params: { member_id_type: 'open_id' } });
    expect(members.data?.items?.map((i) => [i.member_id, i.name])).toEqual([
      ['ou_named', '李村干部'],
      ['ou_unlisted', undefined],
    ]);
    const user = await client.contact.v3.user.get({ path: { user_id: 'ou_named' }, params: { user_id_type: 'open_id' } });
    expect(user.data?.user).toMatchObject({ open_id: 'ou_named', name: '李村干部' });
    const outside = await rejection(client.contact.v3.user.get({ path: { user_id: 'ou_unlisted' }, params: { user_id_type: 'open_id' } }));
    expect(outside.response.data.code).toBe(41050);
    const byUserId = await rejection(client.contact.v3.user.get({ path: { user_id: 'u_named' }, params: { user_id_type: 'user_id' } }));
    expect(byUserId.response.data.code).toBe(230001);
  });

  it('answers 99991663 once tokens expire (the SDK does not refresh)', async () => {
    await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_g', msg_type: 'text', content: text('before') },
    });
    fake.expireTokens();
    const error = await rejection(
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_g', msg_type: 'text', content: text('after') } }),
    );
    expect(error.response.status).toBe(400);
    expect(error.response.data.code).toBe(99991663);
    expect(error.response.data.msg).toBe('Invalid access token for authorization. Please make a request with token attached.');
    // A client with a fresh cache fetches a new token and works again.
    const fresh = newClient(fake);
    const res = await fresh.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_g', msg_type: 'text', content: text('again') },
    });
    expect(res.code).toBe(0);
  });

  it('injects a 500 once, then behaves normally', async () => {
    fake.failNext({ method: 'POST', pathPrefix: '/open-apis/im/v1/messages' }, { status: 500, body: { code: 500, msg: 'internal error' } });
    const send = () =>
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_g', msg_type: 'text', content: text('x') } });
    const error = await rejection(send());
    expect(error.response.status).toBe(500);
    expect((await send()).code).toBe(0);
    expect(fake.messages).toHaveLength(1);
  });

  it('injects a 429 with x-ogw-ratelimit-reset visible on the AxiosError', async () => {
    fake.failNext(
      { pathPrefix: '/open-apis/im/v1/messages' },
      {
        status: 429,
        body: { code: 99991400, msg: 'request trigger frequency limit' },
        headers: { 'x-ogw-ratelimit-limit': '100', 'x-ogw-ratelimit-reset': '7' },
      },
      2,
    );
    const send = () =>
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_g', msg_type: 'text', content: text('x') } });
    for (let i = 0; i < 2; i++) {
      const error = await rejection(send());
      expect(error.response.status).toBe(429);
      expect(error.response.data.code).toBe(99991400);
      expect(error.response.headers['x-ogw-ratelimit-reset']).toBe('7');
    }
    expect((await send()).code).toBe(0);
  });

  it('keeps a failWhile rule until faults are cleared', async () => {
    fake.failWhile(({ path }) => (path.endsWith('/reply') ? { status: 400, body: { code: 230011, msg: 'The message was withdrawn.' } } : null));
    fake.registerIncoming('om_recalled', 'oc_g');
    const reply = () => client.im.v1.message.reply({ path: { message_id: 'om_recalled' }, data: { msg_type: 'text', content: text('x') } });
    expect((await rejection(reply())).response.data.code).toBe(230011);
    expect((await rejection(reply())).response.data.code).toBe(230011);
    fake.clearFaults();
    expect((await reply()).code).toBe(0);
  });

  it('answers 230002 for a chat the bot is not in', async () => {
    fake.setUnreachable('oc_kicked');
    const error = await rejection(
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_kicked', msg_type: 'text', content: text('x') } }),
    );
    expect(error.response.status).toBe(400);
    expect(error.response.data).toEqual({ code: 230002, msg: 'The bot can not be outside the group.' });
    fake.registerIncoming('om_in_kicked', 'oc_kicked');
    const reply = await rejection(
      client.im.v1.message.reply({ path: { message_id: 'om_in_kicked' }, data: { msg_type: 'text', content: text('x') } }),
    );
    expect(reply.response.data.code).toBe(230002);
    expect((await client.im.v1.chatMembers.isInChat({ path: { chat_id: 'oc_kicked' } })).data?.is_in_chat).toBe(false);
    fake.setUnreachable('oc_kicked', false);
  });

  it('limits sends per chat when asked and counts refusals', async () => {
    fake.limitPerChat(2);
    const send = (chat: string) =>
      client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chat, msg_type: 'text', content: text('x') } });
    await send('oc_busy');
    await send('oc_busy');
    const error = await rejection(send('oc_busy'));
    expect(error.response.data).toEqual({ code: 230020, msg: 'This operation triggers the frequency limit.' });
    expect((await send('oc_other')).code).toBe(0);
    expect(fake.rateLimited).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1050));
    expect((await send('oc_busy')).code).toBe(0);
  });

  it('waitFor resolves when the condition holds and rejects on timeout', async () => {
    setTimeout(() => fake.registerIncoming('om_late', 'oc_late'), 30);
    void client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: 'oc_late', msg_type: 'text', content: text('eventually') },
    });
    await fake.waitFor(() => fake.textsTo('oc_late').length === 1);
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(/not met/);
  });
});
