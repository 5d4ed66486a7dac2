import { normaliseText } from './normalise-text';

const MAX_LENGTH = 300;

/**
 * A short, storable account of why a delivery failed. A failed query's message carries the
 * statement and its parameters (what the user typed: names, ID numbers, and the very bytes
 * that broke the insert), so the database's own error (code and message) is used instead,
 * normalised so that recording the failure cannot fail the same way.
 */
export function describeFailure(e: unknown): string {
  let chosen: { message?: unknown; code?: unknown } | undefined;
  for (let err = e as { message?: unknown; code?: unknown; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (typeof err !== 'object') break;
    chosen = err;
    if (typeof err.code === 'string') break;
  }
  const message = typeof chosen?.message === 'string' ? chosen.message.split('\n')[0]! : String(e);
  const code = typeof chosen?.code === 'string' ? `${chosen.code} ` : '';
  return normaliseText(code + message).slice(0, MAX_LENGTH);
}
