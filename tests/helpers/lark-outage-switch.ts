import net from 'node:net';

/** How Lark is down: its gateway answers 503, or connections are reset before any answer. */
export type OutageMode = '5xx' | 'network';

/**
 * A switchable outage in front of a fake Lark: a TCP relay whose `url` the app uses as
 * LARK_DOMAIN. Up, it passes bytes both ways untouched; down, it cuts every open connection
 * (the SDK's keep-alive sockets included) and meets new ones with a gateway 503 or a reset.
 */
export interface OutageSwitch {
  url: string;
  readonly mode: OutageMode | null;
  /** Connections met with an outage so far (each is one failed Lark call). */
  readonly refused: number;
  set(mode: OutageMode | null): void;
  close(): Promise<void>;
}

const GATEWAY_503 = ['HTTP/1.1 503 Service Unavailable', 'Content-Type: text/html', 'Content-Length: 19', 'Connection: close', '', '<h1>503 gateway</h1>'].join('\r\n');

export async function startOutageSwitch(target: { url: string }): Promise<OutageSwitch> {
  const upstream = new URL(target.url);
  let mode: OutageMode | null = null;
  let refused = 0;
  const open = new Set<net.Socket>();

  function answerDown(client: net.Socket) {
    refused += 1;
    if (mode === 'network') {
      client.resetAndDestroy();
      return;
    }
    // Read the request head first, so the client sees an answer and not a broken pipe.
    let head = '';
    client.on('data', (chunk) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) client.end(GATEWAY_503);
    });
    client.on('error', () => {});
  }

  function relay(client: net.Socket) {
    const server = net.connect(Number(upstream.port), upstream.hostname);
    for (const s of [client, server]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        server.destroy();
      });
    }
    client.pipe(server).pipe(client);
  }

  const proxy = net.createServer((client) => (mode ? answerDown(client) : relay(client)));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    get refused() {
      return refused;
    },
    set(next) {
      mode = next;
      if (next) for (const s of open) s.destroy();
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}
