import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before the push-list migration (0016) made it: imports were /导入 and /结果导入 only.
describe('migration 0016: lists pushed from above', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0015_contact_note' });
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    await db.db.execute(sql`
      insert into imports (kind, chat_id, requested_by, request_message_id, file_message_id, file_key, file_name, status, created_at, updated_at)
      values ('cases', 'oc_village', 'ou_cadre', 'om_req', 'om_file', 'file_k', '名单.xlsx', 'done', now(), now())`);
  });
  afterAll(() => db.drop());

  it('keeps earlier imports (no push deadline) and holds a batch whose rows are unique per person', async () => {
    await db.migrate();
    expect(rowsOf<{ kind: string; push_deadline: string | null }>(await db.db.execute(sql`select kind, push_deadline from imports`))).toEqual([{ kind: 'cases', push_deadline: null }]);
    await db.db.execute(sql`insert into push_batches (key, import_id, chat_id, pushed_by, pushed_at, deadline) values ('2026-12-02|第1批', 1, 'oc_hq', 'ou_lead', now(), now())`);
    const row = sql`insert into push_rows (batch_id, row_no, village_id, person_enc, name_masked, id_number_hash, type_label, category_code) values (1, 2, 1, 'v1:p', '王*', 'h1', '密接', 'close_contact')`;
    await db.db.execute(row);
    await expect(db.db.execute(row)).rejects.toMatchObject({ cause: { constraint_name: 'push_rows_batch_person' } });
    await expect(db.db.execute(sql`insert into push_batches (key, import_id, chat_id, pushed_by, pushed_at, deadline) values ('2026-12-02|第1批', 1, 'oc_hq', 'ou_lead', now(), now())`)).rejects.toMatchObject({ cause: { constraint_name: 'push_batches_key_unique' } });
    expect(rowsOf<{ status: string }>(await db.db.execute(sql`select status from push_rows`))).toEqual([{ status: 'pending' }]);
  });
});
