import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0007 made it: no isolation points, one doctor grant per village.
describe('migration 0007: isolation points', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0006_test_life' });
    await sealLegacyCaseData(db.db, createDataCipher(crypto.randomBytes(32).toString('base64')));
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    await db.db.execute(sql`
      insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                         registered_by, registered_in_chat)
      values (1, 'v1:x', '王**', 'n', 'v1:y', 'h', 'v1:z', 'male', 'central_isolation', '2026-11-20', '2026-11-26', 'ou_cadre', 'oc_village')`);
    await db.db.execute(sql`insert into role_grants (open_id, role, village_id, granted_by) values ('ou_doc', 'doctor', 1, 'ou_admin')`);
    await db.db.execute(sql`insert into chat_bindings (chat_id, kind, village_id, bound_by) values ('oc_village', 'village', 1, 'ou_admin')`);
  });
  afterAll(() => db.drop());

  it('keeps existing cases in their village, reading their date as the arrival, and grants by place', async () => {
    await db.migrate();
    const [c] = rowsOf<{ start_basis: string; isolation_point_id: number | null }>(await db.db.execute(sql`select start_basis, isolation_point_id from cases`));
    expect(c).toEqual({ start_basis: 'arrival', isolation_point_id: null });
    await db.db.execute(sql`insert into isolation_points (name, created_by) values ('县隔离酒店', 'ou_admin')`);
    // The same person may be a doctor of a village and staff of a point; the same grant twice is refused.
    await db.db.execute(sql`insert into role_grants (open_id, role, point_id, granted_by) values ('ou_doc', 'point_medic', 1, 'ou_admin')`);
    await expect(db.db.execute(sql`insert into role_grants (open_id, role, village_id, granted_by) values ('ou_doc', 'doctor', 1, 'ou_admin')`)).rejects.toThrow();
    const [binding] = rowsOf<{ point_id: number | null }>(await db.db.execute(sql`select point_id from chat_bindings`));
    expect(binding!.point_id).toBeNull();
  });
});
