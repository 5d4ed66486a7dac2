/**
 * The pieces of a start, timed inside one cold process for bench/start.ts, printed as JSON:
 * `loadMs` to import what main.ts imports (from process start: Node, tsx transpiling, module
 * evaluation), then on a new (`fresh`) or an already migrated (`again`) data directory the
 * time to open PGlite and to apply the migrations.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const mode = process.argv[2] === 'again' ? 'again' : 'fresh';
await import('../../src/homewatch');
await import('../../src/sandbox/sandbox');
const loadMs = performance.now();
const { openPglite } = await import('../../src/db/client');
const dir = mkdtempSync(path.join(os.tmpdir(), 'homewatch-piece-'));
if (mode === 'again') {
  const first = openPglite(dir);
  await first.migrate();
  await first.close();
}
let t = performance.now();
const db = openPglite(dir);
await db.db.execute('select 1');
const openMs = performance.now() - t;
t = performance.now();
await db.migrate();
const migrateMs = performance.now() - t;
await db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ loadMs, openMs, migrateMs }));
