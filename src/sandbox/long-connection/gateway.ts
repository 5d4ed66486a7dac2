import crypto from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { decodeFrame, encodeFrame, type Frame, FRAME_CONTROL, FRAME_DATA, headerOf } from './frames';

/**
 * Lark's side of the long connection (LARK.md §6, §6.1), for tests and the sandbox: the
 * endpoint call the SDK makes first, then a WebSocket speaking pbbp2 frames. It pushes an
 * event as Lark does (headers type/message_id/sum/seq/trace_id, optionally split into
 * fragments), to one of the open connections, and keeps it until an ack frame comes back;
 * a delivery whose connection drops before the ack is pushed again on the next one.
 */

export interface ClientConfig {
  PingInterval: number;
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

/** The client's answer to one delivery: the ack frame's payload, `data` decoded. */
export interface Ack {
  code: number;
  /** The handler's result (a card callback's toast and card), JSON-decoded from base64. */
  data?: unknown;
  /** Milliseconds from the first push to the ack. */
  ms: number;
  /** How many times it was pushed before this ack (1 = first try). */
  attempts: number;
}

export interface PushOptions {
  /** Split the payload into this many frames (sum/seq), as Lark does with large events. */
  fragments?: number;
}

export interface LongConnectionGateway {
  /** POST /callback/ws/endpoint: the SDK's first call, with the app's credentials. */
  endpoint(body: unknown, wsBase: string): { status: number; body: unknown };
  /** Takes over an HTTP upgrade request of the platform server. */
  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  readonly openConnections: number;
  /** Pings received, over all connections. */
  readonly pings: number;
  /** What a client sent that Lark would not take as an ack (wrong headers, bad payload). */
  ackViolations: string[];
  /** Answers the next endpoint calls with this Lark code (null: answer normally). */
  refuseEndpoint(code: number | null, msg?: string): void;
  /** Kills every connection at once, as a network drop does. */
  drop(): void;
  /** While on, pings get no pong and nothing is pushed: a connection that is dead but not closed. */
  silence(on: boolean): void;
  setClientConfig(config: Partial<ClientConfig>): void;
  /** How long Lark waits for an ack before it pushes a delivery again (to any connection). */
  setRedeliverAfter(ms: number): void;
  /** Pushes an event envelope; resolves with the first ack, after redeliveries if need be. */
  push(envelope: object, options?: PushOptions): Promise<Ack>;
  /** Deliveries pushed but not yet acknowledged. */
  readonly unacknowledged: number;
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  envelope: object;
  options: PushOptions;
  firstPushAt: number;
  attempts: number;
  /** Frame message id of the current attempt, and the socket it went to. */
  frameId: string;
  socket: WebSocket | null;
  pushedAt: number;
  resolve: (ack: Ack) => void;
}

const SERVICE_ID = 33554678;

// Lark waits this long for a card callback's answer, then shows the user error 200341.
const CARD_CALLBACK_DEADLINE_MS = 3000;
const REPUSH_DELAY_MS = 50;

export function createLongConnectionGateway(input: {
  appId: string;
  appSecret: string;
  /** The strict card check: a card returned by a card callback that Lark would refuse is recorded there. */
  checkCallbackCard: (card: unknown) => boolean;
}): LongConnectionGateway {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, Pending>(); // frame message id → delivery
  const ackViolations: string[] = [];
  let refusal: { code: number; msg: string } | null = null;
  let silent = false;
  let pings = 0;
  let seq = 0;
  let redeliverAfterMs = 3000;
  let clientConfig: ClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 };

  function send(socket: WebSocket, frame: Frame) {
    if (socket.readyState === WebSocket.OPEN) socket.send(encodeFrame(frame));
  }

  function pushTo(socket: WebSocket, item: Pending) {
    item.attempts += 1;
    item.frameId = `msg_${crypto.randomBytes(8).toString('hex')}`;
    item.socket = socket;
    item.pushedAt = Date.now();
    pending.set(item.frameId, item);
    const bytes = Buffer.from(JSON.stringify(item.envelope));
    const parts = Math.max(1, Math.min(item.options.fragments ?? 1, bytes.length));
    const size = Math.ceil(bytes.length / parts);
    const traceId = crypto.randomBytes(6).toString('hex');
    for (let i = 0; i < parts; i++) {
      send(socket, {
        SeqID: ++seq,
        LogID: seq,
        service: SERVICE_ID,
        method: FRAME_DATA,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: item.frameId },
          { key: 'sum', value: String(parts) },
          { key: 'seq', value: String(i) },
          { key: 'trace_id', value: traceId },
        ],
        payload: bytes.subarray(i * size, (i + 1) * size),
      });
    }
  }

  function pickSocket(): WebSocket | null {
    const open = [...sockets].filter((s) => s.readyState === WebSocket.OPEN);
    // Cluster mode: with several connections Lark gives each event to one of them.
    return open.length ? open[Math.floor(Math.random() * open.length)]! : null;
  }

  /** Pushes what waits for a connection (never pushed, its connection dropped, or no ack in time). */
  function flushOrphans() {
    if (silent) return;
    const now = Date.now();
    for (const [frameId, item] of [...pending]) {
      if (item.socket && sockets.has(item.socket) && now - item.pushedAt < redeliverAfterMs) continue;
      const socket = pickSocket();
      if (!socket) return;
      pending.delete(frameId);
      pushTo(socket, item);
    }
  }

  function onAck(frame: Frame) {
    const frameId = headerOf(frame, 'message_id');
    const item = frameId ? pending.get(frameId) : undefined;
    if (!frameId || !item) {
      // An ack for a delivery already acknowledged, or never sent: Lark ignores it.
      return;
    }
    if (headerOf(frame, 'type') !== 'event') ackViolations.push(`${frameId}: ack without type=event`);
    if (headerOf(frame, 'biz_rt') === undefined) ackViolations.push(`${frameId}: ack without biz_rt`);
    let body: { code?: unknown; data?: unknown };
    try {
      body = JSON.parse(Buffer.from(frame.payload ?? []).toString('utf8')) as typeof body;
    } catch {
      ackViolations.push(`${frameId}: ack payload is not JSON`);
      return;
    }
    if (typeof body.code !== 'number') ackViolations.push(`${frameId}: ack payload without a numeric code`);
    pending.delete(frameId);
    let data: unknown;
    if (typeof body.data === 'string') {
      try {
        data = JSON.parse(Buffer.from(body.data, 'base64').toString('utf8'));
      } catch {
        ackViolations.push(`${frameId}: ack data is not base64 JSON`);
      }
    }
    if (body.code !== 200) {
      // Lark re-pushes what the client did not take (code 500: its handler threw).
      pending.set(frameId, { ...item, socket: null });
      setTimeout(flushOrphans, REPUSH_DELAY_MS);
      return;
    }
    if ((item.envelope as { header?: { event_type?: string } }).header?.event_type === 'card.action.trigger') checkCardAnswer(frameId, item, data);
    item.resolve({ code: body.code, ...(data !== undefined ? { data } : {}), ms: Date.now() - item.firstPushAt, attempts: item.attempts });
  }

  function checkCardAnswer(frameId: string, item: Pending, data: unknown) {
    if (Date.now() - item.firstPushAt > CARD_CALLBACK_DEADLINE_MS) ackViolations.push(`${frameId}: card callback answered after ${CARD_CALLBACK_DEADLINE_MS} ms (Lark shows 200341)`);
    const card = (data as { card?: { type?: string; data?: unknown } } | undefined)?.card;
    if (card?.type === 'raw') input.checkCallbackCard(card.data);
  }

  function onFrame(socket: WebSocket, raw: Buffer) {
    let frame: Frame;
    try {
      frame = decodeFrame(raw);
    } catch (e) {
      ackViolations.push(`undecodable frame: ${(e as Error).message}`);
      return;
    }
    if (frame.method === FRAME_CONTROL && headerOf(frame, 'type') === 'ping') {
      pings += 1;
      if (silent) return;
      send(socket, { ...frame, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(clientConfig)) });
      return;
    }
    if (frame.method === FRAME_DATA) onAck(frame);
  }

  // Lark re-pushes what was not acknowledged in time: the SDK may miss frames that arrive
  // with the upgrade, before it listens (its message handler is attached after 'open').
  const redeliveryTimer = setInterval(flushOrphans, 100);
  redeliveryTimer.unref();

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('message', (raw) => onFrame(socket, raw as Buffer));
    socket.on('close', () => {
      sockets.delete(socket);
      flushOrphans();
    });
    socket.on('error', () => socket.terminate());
    // Pushed with the upgrade, a frame can reach the SDK before it listens (it attaches its
    // message handler after 'open'); Lark's re-push would bring it 3 s later. Wait a moment.
    setTimeout(flushOrphans, 50);
  });

  return {
    endpoint(body, wsBase) {
      if (refusal) return { status: 200, body: { code: refusal.code, msg: refusal.msg, data: {} } };
      const { AppID, AppSecret } = (body ?? {}) as { AppID?: unknown; AppSecret?: unknown };
      if (AppID !== input.appId || AppSecret !== input.appSecret) return { status: 200, body: { code: 514, msg: 'auth failed', data: {} } };
      const ticket = crypto.randomBytes(8).toString('hex');
      tickets.add(ticket);
      // device_id first: the SDK qs-parses the whole URL, so the first key swallows the prefix (LARK.md §6.1).
      const URL = `${wsBase}/ws?device_id=${ticket}&service_id=${SERVICE_ID}&access_key=${crypto.randomBytes(4).toString('hex')}`;
      return { status: 200, body: { code: 0, msg: '', data: { URL, ClientConfig: clientConfig } } };
    },
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'ws://gateway');
      const ticket = url.searchParams.get('device_id');
      if (url.pathname !== '/ws' || !ticket || !tickets.delete(ticket)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    get openConnections() {
      return [...sockets].filter((s) => s.readyState === WebSocket.OPEN).length;
    },
    get pings() {
      return pings;
    },
    get unacknowledged() {
      return pending.size;
    },
    ackViolations,
    refuseEndpoint(code, msg = 'refused') {
      refusal = code === null ? null : { code, msg };
    },
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    silence(on) {
      silent = on;
      if (!on) flushOrphans();
    },
    setRedeliverAfter(ms) {
      redeliverAfterMs = ms;
    },
    setClientConfig(config) {
      clientConfig = { ...clientConfig, ...config };
    },
    push(envelope, options = {}) {
      return new Promise<Ack>((resolve) => {
        const item: Pending = { envelope, options, firstPushAt: Date.now(), attempts: 0, frameId: '', socket: null, pushedAt: 0, resolve };
        const socket = silent ? null : pickSocket();
        if (socket) pushTo(socket, item);
        else pending.set(`waiting_${crypto.randomBytes(8).toString('hex')}`, item);
      });
    },
    waitForConnections(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (this.openConnections >= n) return resolve();
          if (Date.now() > deadline) return reject(new Error(`long-connection gateway: ${this.openConnections} of ${n} connections within ${timeoutMs} ms`));
          setTimeout(check, 10);
        };
        check();
      });
    },
    close() {
      clearInterval(redeliveryTimer);
      for (const socket of sockets) socket.terminate();
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
