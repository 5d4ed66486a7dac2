import { sql } from 'drizzle-orm';
import { sealPerson } from './sealed-person';
import type { DataCipher } from '../shared/data-cipher';
import { type Database, type DatabaseHandle, MIGRATION_LOCK } from './client';
import { rowsOf } from './rows';
import { sealLegacyOutbox } from './seal-legacy-outbox';

const BATCH = 500;

/** The committed SQL migrations, then what SQL cannot do (sealing with the app's key). */
export async function migrateDatabase(database: DatabaseHandle, cipher: DataCipher): Promise<void> {
  await database.migrate();
  await sealLegacyCaseData(database.db, cipher);
  await sealLegacyOutbox(database.db, cipher);
}

/**
 * Finishes migration 0005: names and addresses written before it are still plain in the
 * legacy_* columns (SQL cannot seal them, the key lives in the app). Seals them, makes the
 * sealed columns NOT NULL and drops the plain ones, in one transaction; returns how many cases
 * were sealed. A database already finished has no legacy columns and is left alone.
 */
export async function sealLegacyCaseData(db: Database, cipher: DataCipher): Promise<number> {
  if (!(await hasLegacyColumns(db))) return 0;
  return db.transaction(async (tx) => {
    // The migrations' lock: several instances starting together seal once.
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    if (!(await hasLegacyColumns(tx))) return 0;
    let sealed = 0;
    for (;;) {
      const rows = rowsOf<{ id: number; legacy_name: string; legacy_address: string | null }>(
        await tx.execute(sql`select id, legacy_name, legacy_address from cases where name_enc is null order by id limit ${BATCH}`),
      );
      if (rows.length === 0) break;
      const values = rows.map((r) => {
        const p = sealPerson(cipher, { name: r.legacy_name, address: r.legacy_address });
        return sql`(${r.id}::int, ${p.nameEnc}, ${p.nameMasked}, ${p.nameHash}, ${p.addressEnc}, ${p.addressMasked})`;
      });
      await tx.execute(sql`
        update cases c set name_enc = v.name_enc, name_masked = v.name_masked, name_hash = v.name_hash,
                           address_enc = v.address_enc, address_masked = v.address_masked
        from (values ${sql.join(values, sql`, `)}) as v(id, name_enc, name_masked, name_hash, address_enc, address_masked)
        where c.id = v.id`);
      sealed += rows.length;
    }
    await tx.execute(sql`
      alter table cases
        alter column name_enc set not null, alter column name_masked set not null, alter column name_hash set not null,
        drop column legacy_name, drop column legacy_birth_date, drop column legacy_address`);
    return sealed;
  });
}

async function hasLegacyColumns(db: Database): Promise<boolean> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from information_schema.columns
      where table_schema = current_schema() and table_name = 'cases' and column_name = 'legacy_name'`),
  );
  return (rows[0]?.n ?? 0) > 0;
}
