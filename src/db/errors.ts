/** True for a unique-constraint violation, whichever driver raised it (drizzle wraps it in `cause`). */
export function isUniqueViolation(e: unknown): boolean {
  for (let err = e as { code?: unknown; cause?: unknown } | undefined; err; err = err.cause as typeof err) {
    if (err.code === '23505') return true;
  }
  return false;
}

// drizzle's message is "Failed query: <sql>\nparams: <values>"; the values are what people typed.
const QUERY_PARAMS = /(Failed query: [^]*?)\nparams: [^\n]*/g;
// Postgres quotes the offending value in some messages (invalid input syntax for type integer: "王小明").
const QUOTED_VALUE = /(invalid input syntax for type [\w ]+|invalid input value for enum [\w.]+|value too long for type [\w ()]+): "[^"]*"/g;

/**
 * Text of an error as it may be logged or stored: the SQL of a failed query stays (it says
 * what went wrong), the parameters and quoted values go (they hold names, addresses, IDs).
 */
export function withoutQueryValues(text: string): string {
  return text.replace(QUERY_PARAMS, '$1\nparams: [redacted]').replace(QUOTED_VALUE, '$1: [redacted]');
}

/**
 * A loggable description of an error and its causes: messages without query values, the
 * Postgres code and constraint when there is one, never `params` or the row in `detail`.
 */
export function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let err = e as { message?: unknown; code?: unknown; constraint_name?: unknown; cause?: unknown } | undefined, depth = 0; err && depth < 5; err = err.cause as typeof err, depth++) {
    if (typeof err !== 'object') {
      parts.push(String(err));
      break;
    }
    const code = typeof err.code === 'string' ? ` [${err.code}${typeof err.constraint_name === 'string' ? ` ${err.constraint_name}` : ''}]` : '';
    parts.push(`${withoutQueryValues(String(err.message ?? err))}${code}`);
  }
  return parts.join(' ← caused by: ');
}
