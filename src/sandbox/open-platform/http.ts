import type http from 'node:http';
import { randomHex, type Reply } from './support';

/** The simulator's HTTP plumbing: replies as Lark sends them (JSON with x-tt-logid, or a file). */

export function send(res: http.ServerResponse, reply: Reply): void {
  if (res.headersSent) return;
  const logId = `fake${randomHex(8)}`;
  if ('binary' in reply) {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${encodeURIComponent(reply.fileName)}"`,
      'x-tt-logid': logId,
    });
    res.end(reply.binary);
    return;
  }
  const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'x-tt-logid': logId,
    ...reply.headers,
  });
  res.end(payload);
}

export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
