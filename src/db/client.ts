import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { assets } from '../shared/assets';
import { copyTemplate, saveTemplate, templateDir } from './pglite-template';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database handle or an open transaction: repositories accept either. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /**
   * Applies the committed SQL migrations; safe to call from several processes at once. Tests
   * of a migration pass a folder holding only the earlier ones, to make a database as the
   * previous schema did.
   */
  migrate(folder?: string): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = assets.migrations;

// Any constant works; it only has to be the same for every homewatch process.
export const MIGRATION_LOCK = 727_001;

export function openPostgres(url: string, options: { max?: number } = {}): DatabaseHandle {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'postgres',
    async migrate(folder = migrationsFolder) {
      // Several instances may start together: one migrates, the others wait for it.
      const lockClient = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder: folder });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await lockClient.end();
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Embedded Postgres in `dataDir` (or in memory when dataDir is undefined). */
export function openPglite(dataDir: string | undefined): DatabaseHandle {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pgliteDir = dataDir ? path.join(dataDir, 'pglite') : undefined;
  const fresh = pgliteDir !== undefined && !(existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0);
  const template = fresh ? templateDir(migrationsFolder) : undefined;
  // Made without a template (initdb), the database becomes the template once migrated.
  const makesTemplate = template !== undefined && !copyTemplate(template, pgliteDir!);
  const client = new PGlite(pgliteDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    async migrate(folder = migrationsFolder) {
      await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
      // A template that cannot be written only means that the next empty DATA_DIR runs initdb again.
      if (makesTemplate && folder === migrationsFolder) await saveTemplate(client, pgliteDir!, template).catch(() => {});
    },
    close: () => client.close(),
  };
}

export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
