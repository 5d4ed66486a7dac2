import crypto from 'node:crypto';
import postgres from 'postgres';
import { type DatabaseHandle, openPglite, openPostgres } from '../../src/db/client';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the server named by TEST_DATABASE_URL (dropped again by `drop`).
 */
export interface TestDatabase extends DatabaseHandle {
  /** Connection string of the database (real Postgres only): for child processes. */
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = openPglite(undefined);
    await handle.migrate();
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
  await handle.migrate();
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
