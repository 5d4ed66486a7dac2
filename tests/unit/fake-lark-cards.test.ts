import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../helpers/fake-lark-server';

interface LarkRejection {
  response: { status: number; data: { code: number; msg: string } };
}

async function rejection(promise: Promise<unknown>): Promise<LarkRejection> {
  try {
    await promise;
  } catch (error) {
    return error as LarkRejection;
  }
  throw new Error('expected Lark to refuse the card');
}

const pt = (content: string) => ({ tag: 'plain_text', content });
const card = (elements: unknown[]) => ({ schema: '2.0', config: { update_multi: true }, header: { title: pt('今日核酸采样') }, body: { elements } });
const divs = (n: number) => Array.from({ length: n }, (_, i) => ({ tag: 'div', text: pt(`第${i}行`) }));

describe('the fake Lark refuses cards Lark would not build, as Lark answers', () => {
  let fake: FakeLark;
  let client: lark.Client;
  const send = (c: unknown) =>
    client.im.v1.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_village', msg_type: 'interactive', content: JSON.stringify(c) } });

  beforeAll(async () => {
    fake = await startFakeLark();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    client = new lark.Client({
      appId: FAKE_APP_ID,
      appSecret: FAKE_APP_SECRET,
      domain: fake.url,
      cache: new lark.DefaultCache(),
      logger: { error() {}, warn() {}, info() {}, debug() {}, trace() {} },
    });
  });

  it('sends a valid card and records nothing', async () => {
    const res = await send(card(divs(99)));
    expect(res.code).toBe(0);
    expect(fake.messages).toHaveLength(1);
    expect(fake.cardRefusals).toEqual([]);
  });

  it('answers a card over 200 elements with 230099 / 11310, sends nothing and records why', async () => {
    const error = await rejection(send(card(divs(100))));
    expect(error.response.status).toBe(400);
    expect(error.response.data.code).toBe(230099);
    expect(error.response.data.msg).toMatch(/^Failed to create card content, ext=ErrCode: 11310; ErrMsg: card: at most 200 elements/);
    expect(fake.messages).toHaveLength(0);
    expect(fake.cardRefusals).toMatchObject([{ where: 'message', code: 230099, title: '今日核酸采样', violations: [{ kind: 'limit' }] }]);
  });

  it('answers an unknown property with 230099 / 200621 and a removed 1.0 module with 200861', async () => {
    const unknown = await rejection(send(card([{ tag: 'button', text: pt('已采样'), value: { dutyId: 1 } }])));
    expect(unknown.response.data.msg).toContain('ErrCode: 200621; ErrMsg: body.elements[0].value: unknown property');
    const removed = await rejection(send(card([{ tag: 'note', elements: [pt('备注')] }])));
    expect(removed.response.data.msg).toContain('ErrCode: 200861');
    expect(fake.cardRefusals.map((r) => r.code)).toEqual([230099, 230099]);
  });

  it('answers a card over 30 KB with 230025', async () => {
    const error = await rejection(send(card([{ tag: 'div', text: pt('x'.repeat(30 * 1024)) }])));
    expect(error.response.data.code).toBe(230025);
    expect(fake.cardRefusals[0]?.violations.map((v) => v.kind)).toEqual(['size']);
  });

  it('refuses an invalid card in a reply and in a PATCH, keeping the card members see', async () => {
    fake.registerIncoming('om_user', 'oc_village');
    const reply = await rejection(client.im.v1.message.reply({ path: { message_id: 'om_user' }, data: { msg_type: 'interactive', content: JSON.stringify(card(divs(100))) } }));
    expect(reply.response.data.code).toBe(230099);
    const sent = await send(card(divs(1)));
    const messageId = sent.data!.message_id!;
    const patch = await rejection(client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify({ ...card(divs(1)), config: {} }) } }));
    expect(patch.response.data.msg).toContain('config.update_multi: must be true');
    expect(fake.messages[0]?.patches).toEqual([]);
    expect(fake.cardRefusals.map((r) => r.where)).toEqual(['message', 'message']);
  });

  it('refuses the card of a card-callback answer with 200673 and shows the old card', async () => {
    const sent = await send(card(divs(1)));
    const messageId = sent.data!.message_id!;
    expect(fake.checkCallbackCard(card(divs(2)))).toBe(true);
    fake.showCallbackCard(messageId, card([{ tag: 'column_set', columns: [{ tag: 'div', text: pt('x') }] }]));
    expect(fake.messages[0]?.patches).toEqual([]);
    expect(fake.cardRefusals).toMatchObject([{ where: 'callback', code: 200673, violations: [{ path: 'body.elements[0].columns[0]', rule: 'a column_set holds only columns' }] }]);
    fake.showCallbackCard(messageId, card(divs(2)));
    expect(fake.messages[0]?.patches).toHaveLength(1);
  });

  it('forgets refusals on reset', async () => {
    await rejection(send(card(divs(100))));
    fake.reset();
    expect(fake.cardRefusals).toEqual([]);
  });
});
