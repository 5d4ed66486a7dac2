import net from 'node:net';
import { percentile, sortedCopy } from './stats';

/**
 * A lean closed-loop HTTP/1.1 load generator on raw keep-alive sockets. Every request is
 * prepared in advance as its exact wire bytes, so sending is one socket write and reading
 * the answer is finding the status line and Content-Length: the generator shares the two
 * cores with the server under test and must cost as little as possible (node:http's client
 * cost about as much CPU per request as the minimal handler itself).
 */

/** One prepared HTTP request. */
export interface PreparedRequest {
  path: string;
  body: Buffer;
  headers: Record<string, string>;
  /** The complete request (request line, headers, body) as sent on the wire. */
  wire: Buffer;
  /** Free-form label (e.g. 'message', 'card') for per-kind counts. */
  kind: string;
}

export function prepareRequest(kind: string, path: string, body: Buffer, headers: Record<string, string>): PreparedRequest {
  const all: Record<string, string> = { Host: '127.0.0.1', Connection: 'keep-alive', ...headers, 'Content-Length': String(body.length) };
  const head = `POST ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return { kind, path, body, headers: all, wire: Buffer.concat([Buffer.from(head, 'latin1'), body]) };
}

export interface LoadResult {
  concurrency: number;
  /** Requests started inside the measured window and answered. */
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Non-200 answers and transport errors inside the measured window. */
  errors: number;
  /** Status codes of the errors (transport errors as 'network'). */
  errorKinds: Record<string, number>;
  /** 200 answers per kind over the whole run, warm-up included (what the server stored). */
  okByKind: Record<string, number>;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

/** One keep-alive connection that carries one request at a time. */
class Connection {
  private socket: net.Socket | null = null;
  private pending: Buffer | null = null;
  private waiting: ((status: number) => void) | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  private open(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = () => {
      if (this.socket === socket) this.socket = null;
      this.finish(-1);
    };
    socket.on('error', fail);
    socket.on('close', fail);
    this.socket = socket;
    return socket;
  }

  send(wire: Buffer): Promise<number> {
    return new Promise((resolve) => {
      this.pending = null;
      this.waiting = resolve;
      (this.socket ?? this.open()).write(wire);
    });
  }

  private finish(status: number) {
    const w = this.waiting;
    this.waiting = null;
    this.pending = null;
    w?.(status);
  }

  private onData(chunk: Buffer) {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    const headerEnd = buf.indexOf(HEADER_END);
    if (headerEnd === -1) {
      this.pending = buf;
      return;
    }
    const head = buf.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const complete = length
      ? buf.length >= headerEnd + 4 + Number(length[1])
      : /\r\ntransfer-encoding:\s*chunked/i.test(head)
        ? buf.indexOf(CHUNKED_END, headerEnd) !== -1
        : true;
    if (!complete) {
      this.pending = buf;
      return;
    }
    if (/\r\nconnection:\s*close/i.test(head)) {
      const s = this.socket;
      this.socket = null;
      s?.removeAllListeners('close');
      s?.destroy();
    }
    this.finish(status);
  }

  close() {
    this.socket?.removeAllListeners('close');
    this.socket?.destroy();
    this.socket = null;
  }
}

/**
 * Closed-loop load: `concurrency` virtual clients, each on its own keep-alive connection,
 * sending its next request as soon as the previous one is answered. Requests started
 * during the warm-up are sent but not measured. Latency is the time to the complete answer.
 */
export async function runClosedLoop(input: {
  host: string;
  port: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  next: () => PreparedRequest;
}): Promise<LoadResult> {
  const { host, port, concurrency } = input;
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  const okByKind: Record<string, number> = {};
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + input.warmupMs;
  const end = measureFrom + input.durationMs;
  const connections: Connection[] = [];

  async function client() {
    const conn = new Connection(host, port);
    connections.push(conn);
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      const r = input.next();
      const status = await conn.send(r.wire);
      const latency = performance.now() - t0;
      if (status === 200) okByKind[r.kind] = (okByKind[r.kind] ?? 0) + 1;
      if (t0 < measureFrom) continue;
      latencies.push(latency);
      if (status !== 200) {
        errors++;
        const key = status === -1 ? 'network' : String(status);
        errorKinds[key] = (errorKinds[key] ?? 0) + 1;
      }
    }
  }

  await Promise.all(Array.from({ length: concurrency }, client));
  for (const c of connections) c.close();
  const seconds = input.durationMs / 1000;
  const sorted = sortedCopy(latencies);
  return {
    concurrency,
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    errors,
    errorKinds,
    okByKind,
  };
}
