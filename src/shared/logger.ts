import pino, { type Logger } from 'pino';
import { describeError, withoutQueryValues } from '../db/errors';
import { scrubText } from '../domain/mask';

export type { Logger };

// Fields that hold a person's data whatever their shape: their values never reach a log.
// (Names, addresses and typed text have no shape scrubText could recognise.)
const REDACTED_FIELDS = new Set(['name', 'fullname', 'personname', 'address', 'phone', 'mobile', 'tel', 'id', 'idnumber', 'idcard', 'content', 'text', 'payload', 'body', 'params']);
const REDACTED = '[redacted]';

const isRedactedField = (key: string, value: unknown) =>
  REDACTED_FIELDS.has(key.toLowerCase().replace(/[_-]/g, '')) &&
  // A numeric `id` is a row number, not a person's ID number.
  !(key === 'id' && typeof value === 'number');

const scrubString = (s: string) => scrubText(withoutQueryValues(s));

/**
 * The root logger. Every log line is cleaned on the way out: fields named for personal data
 * are redacted, failed queries lose their parameters, and an ID number or phone that slipped
 * into any other text is masked by its shape.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a && typeof a === 'object' ? scrubObject(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(1),
  );
}

function scrubObject(value: object): object {
  if (value instanceof Error) {
    // The stack's first line repeats the message; only the frames are kept from it.
    const frames = value.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
    return { err: { type: value.name, message: scrubText(describeError(value)), stack: frames && scrubText(frames) } };
  }
  return scrubValue(value) as object;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const scrubbed = scrubText(String(value));
    return scrubbed === String(value) ? value : scrubbed;
  }
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value instanceof Error) return scrubObject(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isRedactedField(k, v) && v !== null && v !== undefined ? REDACTED : scrubValue(v)]));
  }
  return value;
}
