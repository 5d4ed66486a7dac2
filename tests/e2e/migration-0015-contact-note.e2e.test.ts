import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before the contact-note migration (0015) made it: cases had no 联系人备注.
describe('migration 0015: cases get a sealed contact note', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0010_teams' });
    await sealLegacyCaseData(db.db, createDataCipher(crypto.randomBytes(32).toString('base64')));
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    await db.db.execute(sql`
      insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                         registered_by, registered_in_chat)
      values (1, 'v1:x', '王*', 'n1', 'v1:y', 'h1', 'v1:z', 'male', 'home_isolation', '2026-11-16', '2026-11-22', 'ou_cadre', 'oc_village')`);
  });
  afterAll(() => db.drop());

  it('keeps the existing case, with no note, and takes a note for new ones', async () => {
    await db.migrate();
    const before = rowsOf<{ id: number; phone_enc: string; contact_note_enc: string | null }>(await db.db.execute(sql`select id, phone_enc, contact_note_enc from cases`));
    expect(before).toEqual([{ id: 1, phone_enc: 'v1:z', contact_note_enc: null }]);
    await db.db.execute(sql`update cases set contact_note_enc = 'v1:note' where id = 1`);
    const after = rowsOf<{ contact_note_enc: string }>(await db.db.execute(sql`select contact_note_enc from cases where id = 1`));
    expect(after[0]!.contact_note_enc).toBe('v1:note');
  });
});
