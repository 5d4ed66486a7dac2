import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger';
import { idCheckChar } from '../../src/domain/id-number';
import { createTestDatabase } from '../helpers/test-db';

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

describe('logger: fields and failed queries (issue 11, finding 3)', () => {
  const id = '11010519850317123' + idCheckChar('11010519850317123');

  it('redacts fields named for personal data whatever their value looks like', () => {
    const out = captureLogs((log) => {
      log.info({ name: '王小明', address: '幸福路8号', phone: '1381234', idNumber: 'A123', content: '{"text":"王小明"}', nested: { full_name: '李四' }, id: 7 }, 'fields');
    });
    for (const plain of ['王小明', '幸福路8号', '1381234', 'A123', '李四']) expect(out).not.toContain(plain);
    expect(JSON.parse(out)).toMatchObject({ name: '[redacted]', address: '[redacted]', id: 7, nested: { full_name: '[redacted]' } });
  });

  it('logs a failed query of a real database with its SQL but without its parameters', async () => {
    const db = await createTestDatabase();
    try {
      const failure = await db.db.execute(sql`select ${'王小明'}::int, ${'幸福路8号'} as address, ${id} as id_number`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(String((failure as Error).message)).toContain('王小明');
      const out = captureLogs((log) => {
        log.error(failure, 'query failed');
        log.error({ err: (failure as Error).message }, 'query failed as text');
        log.error({ err: failure }, 'query failed nested');
      });
      expect(out).toContain('Failed query: select');
      for (const plain of ['王小明', '幸福路8号', id]) expect(out).not.toContain(plain);
      expect(out.trim().split('\n')).toHaveLength(3);
    } finally {
      await db.drop();
    }
  });
});
