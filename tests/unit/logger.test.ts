import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger';
import { idCheckChar } from '../../src/domain/id-number';

function captureLogs(run: (log: pino.Logger) => void): string {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  run(logger);
  return lines.join('');
}

describe('logger', () => {
  const id = '11010519491231002' + idCheckChar('11010519491231002');

  it('masks ID numbers and phones in messages, objects, numbers and errors', () => {
    const out = captureLogs((log) => {
      log.info(`registered ${id} 13812345678`);
      log.info({ text: `/登记 张三 ${id}`, phone: 13812345678, nested: [{ id }] }, 'object');
      log.error(new Error(`failed for ${id}`));
    });
    expect(out).not.toContain(id);
    expect(out).not.toContain('13812345678');
    expect(out).toContain('110105********' + id.slice(-4));
    expect(out).toContain('138****5678');
    expect(out.trim().split('\n')).toHaveLength(3);
  });
});
