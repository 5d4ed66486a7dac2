import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../shared/logger';

/**
 * The SDK logs through this, into our pino logger (so its lines are scrubbed like ours).
 * At warn: its info lines repeat a console banner on every start, and its debug lines
 * print event payloads, which hold personal data.
 */
export function sdkLogger(logger: Logger): { logger: lark.Logger; loggerLevel: lark.LoggerLevel } {
  const child = logger.child({ component: 'lark-sdk' });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    loggerLevel: lark.LoggerLevel.warn,
    logger: {
      error: (...msg) => child.error(line(msg)),
      warn: (...msg) => child.warn(line(msg)),
      info: (...msg) => child.info(line(msg)),
      debug: (...msg) => child.debug(line(msg)),
      trace: (...msg) => child.trace(line(msg)),
    },
  };
}
