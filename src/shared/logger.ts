import pino, { type Logger } from 'pino';
import { scrubText } from '../domain/mask';

export type { Logger };

/**
 * The root logger. Every log line passes through scrubText so that an ID number or phone
 * that slipped into a message or error never reaches the log in full.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
    level,
    base: undefined,
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) =>
          typeof a === 'string' ? scrubText(a) : a && typeof a === 'object' ? scrubObject(a) : a,
        );
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  },
    destination ?? pino.destination(1),
  );
}

function scrubObject(value: object): object {
  if (value instanceof Error) {
    return { err: { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) } };
  }
  return scrubValue(value) as object;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const scrubbed = scrubText(String(value));
    return scrubbed === String(value) ? value : scrubbed;
  }
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value instanceof Error) return scrubObject(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v)]));
  }
  return value;
}
