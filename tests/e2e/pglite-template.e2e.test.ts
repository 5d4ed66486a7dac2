import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openPglite } from '../../src/db/client';
import { readTemplate, templateFile } from '../../src/db/pglite-template';

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

  // Three PGlite starts: slow on a loaded machine.
  it('is a migrated, empty database, and a new DATA_DIR made from it holds nothing of the first', { timeout: 180_000 }, async () => {
    const first = openPglite(freshDir());
    await first.migrate();
    await first.db.execute(`insert into rate_limits (key, next_allowed_at) values ('first-only', now())`);
    await first.close();

    const file = templateFile(migrationsFolder);
    expect(existsSync(file)).toBe(true);
    const raw = new PGlite(path.join(freshDir(), 'pglite'), { loadDataDir: readTemplate(file) });
    const tables = await raw.query<{ n: number }>(`select count(*)::int as n from information_schema.tables where table_name in ('outbox', 'inbox', 'cases')`);
    expect(tables.rows[0]!.n).toBe(3);
    await raw.close();

    const second = openPglite(freshDir());
    await second.migrate();
    const rows = (await second.db.execute(`select key from rate_limits where key = 'first-only'`)) as unknown as { rows: unknown[] };
    expect(rows.rows).toHaveLength(0);
    await second.close();
  });
});
