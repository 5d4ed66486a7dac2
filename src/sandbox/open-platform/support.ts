import crypto from 'node:crypto';

/** What the API areas of the simulator share: Lark's error transport and request/reply shapes. */

export const TENANT_KEY = 'tenant_fake';

export class LarkError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
  }
}

export const invalidParam = (detail: string) =>
  new LarkError(400, 230001, `Your request contains an invalid request parameter, ext=${detail}`);

export interface Req {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | { binary: Buffer; fileName: string };

export const randomHex = (bytes: number) => crypto.randomBytes(bytes).toString('hex');
export const ok = (data: unknown, msg = 'success') => ({ status: 200, body: { code: 0, msg, data } });

export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function clampInt(raw: string | undefined, min: number, max: number, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) ? Math.min(Math.max(n, min), max) : fallback;
}
