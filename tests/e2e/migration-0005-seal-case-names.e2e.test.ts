import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { nameLookupHash } from '../../src/db/sealed-person';
import { migrateDatabase } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0005 made it: names, addresses and birth dates in clear.
describe('migration 0005: names and addresses sealed', () => {
  const cipher = createDataCipher(crypto.randomBytes(32).toString('base64'));
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0004_lifecycle_ledger_job_indexes' });
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    for (const [name, address] of [['王小明', '幸福路8号'], ['买买提·艾力', null]] as const) {
      await db.db.execute(sql`
        insert into cases (village_id, name, id_number_enc, id_number_hash, phone_enc, birth_date, sex, category, start_date, end_date,
                           address, registered_by, registered_in_chat)
        values (1, ${name}, 'v1:x', ${`h-${name}`}, 'v1:y', '1985-03-17', 'male', 'home_isolation', '2026-11-20', '2026-11-26',
                ${address}, 'ou_cadre', 'oc_village')`);
    }
  });
  afterAll(() => db.drop());

  it('seals every existing case, then drops the plain columns', async () => {
    await migrateDatabase(db, cipher);
    const rows = rowsOf<{ name_enc: string; name_masked: string; name_hash: string; address_enc: string | null; address_masked: string | null }>(
      await db.db.execute(sql`select name_enc, name_masked, name_hash, address_enc, address_masked from cases order by id`),
    );
    expect(rows.map((r) => cipher.decrypt(r.name_enc))).toEqual(['王小明', '买买提·艾力']);
    expect(rows.map((r) => r.name_masked)).toEqual(['王**', '买*****']);
    expect(rows[0]!.name_hash).toBe(nameLookupHash(cipher, '王小明'));
    expect(rows[0]!.address_enc && cipher.decrypt(rows[0]!.address_enc)).toBe('幸福路8号');
    expect(rows[0]!.address_masked).toBe('幸福路**');
    expect(rows[1]).toMatchObject({ address_enc: null, address_masked: null });

    const columns = rowsOf<{ column_name: string; is_nullable: string }>(
      await db.db.execute(sql`select column_name, is_nullable from information_schema.columns where table_schema = current_schema() and table_name = 'cases'`),
    );
    const names = columns.map((c) => c.column_name);
    expect(names).not.toContain('legacy_name');
    expect(names).not.toContain('legacy_address');
    expect(names).not.toContain('legacy_birth_date');
    expect(names).not.toContain('name');
    expect(columns.find((c) => c.column_name === 'name_enc')?.is_nullable).toBe('NO');
  });

  it('does nothing the second time', async () => {
    await expect(migrateDatabase(db, cipher)).resolves.toBeUndefined();
    const [row] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from cases`));
    expect(row!.n).toBe(2);
  });
});
