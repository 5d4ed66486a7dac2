import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openPglite } from '../../src/db/client';
import { rowsOf } from '../../src/db/rows';
import { templateDir } from '../../src/db/pglite-template';

describe('PGlite template for an empty DATA_DIR', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'homewatch-template-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  // Two PGlite starts, one with initdb: slow on a loaded machine.
  it('is made by the first start, and a later empty DATA_DIR is a migrated copy holding nothing of the first', { timeout: 180_000 }, async () => {
    const template = templateDir(migrationsFolder);
    // As on a new machine, or after a new migration: no template yet, and one of other migrations.
    // (Another process copying it meanwhile falls back to initdb, so this is safe to remove.)
    rmSync(template, { recursive: true, force: true });
    const older = path.join(path.dirname(template), 'pglite-0000000000000000');
    mkdirSync(older, { recursive: true });

    const first = openPglite(freshDir());
    await first.migrate();
    await first.db.execute(`insert into rate_limits (key, next_allowed_at) values ('first-only', now())`);
    expect(existsSync(path.join(template, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(template, 'postmaster.pid'))).toBe(false);
    expect(existsSync(older)).toBe(false);
    await first.close();

    const dir = freshDir();
    // What a start stopped while copying leaves behind: not to end up in the database.
    mkdirSync(path.join(dir, 'pglite.partial'));
    writeFileSync(path.join(dir, 'pglite.partial', 'half-copied'), '');
    const second = openPglite(dir);
    // Before migrating: the tables are there, so it was copied, not made by initdb.
    const tables = rowsOf<{ n: number }>(
      await second.db.execute(`select count(*)::int as n from information_schema.tables where table_name in ('outbox', 'inbox', 'cases')`),
    );
    expect(tables[0]!.n).toBe(3);
    await second.migrate();
    expect(rowsOf(await second.db.execute(`select key from rate_limits where key = 'first-only'`))).toHaveLength(0);
    expect(existsSync(path.join(dir, 'pglite.partial'))).toBe(false);
    expect(existsSync(path.join(dir, 'pglite', 'half-copied'))).toBe(false);
    await second.close();
  });
});
