import crypto from 'node:crypto';
import postgres from 'postgres';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, migrationsFolder, openPglite, openPostgres } from '../../src/db/client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server named by TEST_DATABASE_URL (dropped again by `drop`).
 */
export interface TestDatabase extends DatabaseHandle {
  /** Connection string of the database (real Postgres only): for child processes. */
  url: string | null;
  drop(): Promise<void>;
}

/**
 * `upTo`: migrate only up to and including that migration (e.g. '0004_lifecycle_ledger_job_indexes'),
 * to test a later migration on a database made by the previous schema.
 */
export async function createTestDatabase(options: { upTo?: string } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const folder = options.upTo ? migrationsUpTo(options.upTo) : undefined;
  if (!serverUrl) {
    const handle = openPglite(undefined);
    await handle.migrate(folder);
    const close = closeOnce(handle);
    return { ...handle, url: null, close, drop: close };
  }
  const name = `hw_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), { max: 5 });
  await handle.migrate(folder);
  const close = closeOnce(handle);
  return {
    ...handle,
    url: url.toString(),
    close,
    async drop() {
      await close();
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The app closes its database on stop; the test closes it again in afterAll. */
function closeOnce(handle: DatabaseHandle): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= handle.close());
}

/** A copy of the committed migrations that ends with `tag` (drizzle's migrator reads only the journal and the SQL). */
function migrationsUpTo(tag: string): string {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  if (end < 0) throw new Error(`no migration ${tag}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hw-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, end + 1);
  writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const e of entries) copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}
