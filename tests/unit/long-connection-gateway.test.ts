import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type Frame, headerOf } from '../../src/sandbox/long-connection/frames';
import { FAKE_APP_ID, FAKE_APP_SECRET, type FakeLark, startFakeLark } from '../helpers/fake-lark-server';

/** The fake's side of the protocol, driven by a bare WebSocket instead of the SDK. */
describe('fake Lark long-connection gateway', () => {
  let fake: FakeLark;
  afterEach(() => fake.close());

  const endpoint = async (body: object) =>
    (await (await fetch(`${fake.url}/callback/ws/endpoint`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()) as {
      code: number;
      data: { URL?: string; ClientConfig?: Record<string, number> };
    };

  async function connect(): Promise<{ socket: WebSocket; frames: Frame[] }> {
    const { data } = await endpoint({ AppID: FAKE_APP_ID, AppSecret: FAKE_APP_SECRET });
    const socket = new WebSocket(data.URL!);
    const frames: Frame[] = [];
    socket.on('message', (raw) => frames.push(decodeFrame(raw as Buffer)));
    await new Promise((resolve) => socket.once('open', resolve));
    return { socket, frames };
  }
  const until = async (predicate: () => boolean) => fake.waitFor(predicate, 3000);

  it('hands out a URL the SDK parses (service_id not first: it qs-parses the whole URL) and refuses bad credentials with 514', async () => {
    fake = await startFakeLark();
    const good = await endpoint({ AppID: FAKE_APP_ID, AppSecret: FAKE_APP_SECRET });
    expect(good.code).toBe(0);
    // What the SDK's qs.parse(URL) sees: '&'-separated pairs of the whole string, the first key swallowing the prefix.
    const pairs = Object.fromEntries(good.data.URL!.split('&').map((p) => p.split('=')));
    expect(pairs.service_id).toMatch(/^\d+$/);
    expect(good.data.ClientConfig).toMatchObject({ PingInterval: 120, ReconnectCount: -1 });
    expect((await endpoint({ AppID: FAKE_APP_ID, AppSecret: 'wrong' })).code).toBe(514);
    fake.longConnection.refuseEndpoint(1000040350, 'too many connections');
    expect((await endpoint({ AppID: FAKE_APP_ID, AppSecret: FAKE_APP_SECRET })).code).toBe(1000040350);
  });

  it('answers a ping with a pong carrying the client config', async () => {
    fake = await startFakeLark();
    const { socket, frames } = await connect();
    socket.send(encodeFrame({ SeqID: 0, LogID: 0, service: 1, method: 0, headers: [{ key: 'type', value: 'ping' }] }));
    await until(() => frames.length > 0);
    expect(headerOf(frames[0]!, 'type')).toBe('pong');
    expect(JSON.parse(Buffer.from(frames[0]!.payload!).toString())).toMatchObject({ PingInterval: 120 });
    socket.terminate();
  });

  it('pushes an event in fragments with sum/seq on every frame, and records an ack without biz_rt as a violation', async () => {
    fake = await startFakeLark();
    const { socket, frames } = await connect();
    const envelope = { schema: '2.0', header: { event_id: 'e1', event_type: 'im.message.receive_v1' }, event: { text: 'x'.repeat(300) } };
    const acked = fake.longConnection.push(envelope, { fragments: 3 });
    await until(() => frames.length === 3);
    expect(frames.map((f) => [headerOf(f, 'sum'), headerOf(f, 'seq')])).toEqual([['3', '0'], ['3', '1'], ['3', '2']]);
    expect(JSON.parse(Buffer.concat(frames.map((f) => Buffer.from(f.payload!))).toString())).toEqual(envelope);
    const last = frames[2]!;
    socket.send(encodeFrame({ ...last, payload: Buffer.from(JSON.stringify({ code: 200 })) }));
    expect(await acked).toMatchObject({ code: 200, attempts: 1 });
    expect(fake.longConnection.ackViolations).toEqual([expect.stringContaining('without biz_rt')]);
    socket.terminate();
  });

  it('pushes an unacknowledged event again on the next connection after a drop', async () => {
    fake = await startFakeLark();
    const first = await connect();
    const acked = fake.longConnection.push({ schema: '2.0', header: { event_id: 'e2', event_type: 'x' }, event: {} });
    await until(() => first.frames.length === 1);
    fake.longConnection.drop();
    const second = await connect();
    await until(() => second.frames.length === 1);
    const frame = second.frames[0]!;
    second.socket.send(encodeFrame({ ...frame, headers: [...frame.headers, { key: 'biz_rt', value: '1' }], payload: Buffer.from('{"code":200}') }));
    expect(await acked).toMatchObject({ code: 200, attempts: 2 });
    expect(fake.longConnection.ackViolations).toEqual([]);
    second.socket.terminate();
  });
});
