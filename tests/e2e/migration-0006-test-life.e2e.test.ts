import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0006 made it: a sampled test without a result was 'pending' with sampled_at set.
describe('migration 0006: sampled tests get their own state', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0005_seal_case_names' });
    // As 0005 left it once the app had started: names sealed, the plain columns gone.
    await sealLegacyCaseData(db.db, createDataCipher(crypto.randomBytes(32).toString('base64')));
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    await db.db.execute(sql`
      insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                         registered_by, registered_in_chat)
      values (1, 'v1:x', '王**', 'n', 'v1:y', 'h', 'v1:z', 'male', 'home_isolation', '2026-11-20', '2026-11-26', 'ou_cadre', 'oc_village')`);
    const duty = (status: string, sampled: string | null, result: string | null) => sql`
      insert into duties (case_id, village_id, kind, day, due_date, phase, window_start, window_end, status, sampled_at, result)
      values (1, 1, 'test', 1, '2026-11-20', '居家隔离', now(), now(), ${status}, ${sampled}::timestamptz, ${result})`;
    await db.db.execute(duty('pending', '2026-11-20T09:00:00+08:00', null)); // sampled, waiting
    await db.db.execute(duty('pending', null, null)); // not sampled
    await db.db.execute(duty('done', '2026-11-20T09:00:00+08:00', 'negative')); // has its result
  });
  afterAll(() => db.drop());

  it('moves sampled tests without a result to sampled and leaves the others', async () => {
    await db.migrate();
    const rows = rowsOf<{ status: string; result_overdue_at: string | null }>(await db.db.execute(sql`select status, result_overdue_at from duties order by id`));
    expect(rows.map((r) => r.status)).toEqual(['sampled', 'pending', 'done']);
    expect(rows.every((r) => r.result_overdue_at === null)).toBe(true);
    const [imports] = rowsOf<{ column_default: string }>(
      await db.db.execute(sql`select column_default from information_schema.columns where table_schema = current_schema() and table_name = 'imports' and column_name = 'kind'`),
    );
    expect(imports!.column_default).toContain('cases');
  });
});
