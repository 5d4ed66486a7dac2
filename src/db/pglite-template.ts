import crypto from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { assets } from '../shared/assets';

/**
 * A freshly migrated PGlite data directory, kept as a template so that the next empty
 * DATA_DIR (a new trial, `sandbox reset`) starts as a copy of it instead of running initdb
 * and every migration again, which is most of a bare start (bench:start). It is a plain
 * directory copied file by file by Node: about 0.1 s, where PGlite's own `loadDataDir` (a
 * tarball unpacked through its emscripten file system) took 0.4 s more. It lives in
 * node_modules' cache and its name holds a hash of the PGlite version and the migrations: a
 * new migration or PGlite release simply makes a new one.
 */
export function templateDir(migrationsFolder: string): string {
  const hash = crypto.createHash('sha256');
  hash.update(pgliteVersion());
  for (const name of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(name).update(readFileSync(path.join(migrationsFolder, name)));
  }
  return path.join(assets.cacheDir, `${PREFIX}${hash.digest('hex').slice(0, 16)}`);
}

const PREFIX = 'pglite-';
// Postgres' lock file of the instance the template was copied from: a copy that is opened
// must not look held by another server.
const LOCK_FILE = 'postmaster.pid';

/**
 * Makes `pgliteDir` (absent or empty) a copy of the template; false when there is none.
 * The copy is made beside it and renamed into place, so a start stopped halfway leaves no
 * half database that the next start would take for a real one.
 */
export function copyTemplate(template: string, pgliteDir: string): boolean {
  if (!existsSync(template)) return false;
  const partial = `${pgliteDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  try {
    cpSync(template, partial, { recursive: true });
  } catch {
    // Replaced by another start while copying (a new template removes the old ones): initdb instead.
    rmSync(partial, { recursive: true, force: true });
    return false;
  }
  renameSync(partial, pgliteDir);
  return true;
}

/**
 * Keeps the freshly migrated database open in `client` (stored in `pgliteDir`) as the
 * template, and removes the templates of other migrations (40 MB each).
 */
export async function saveTemplate(client: PGlite, pgliteDir: string, template: string): Promise<void> {
  // Every page written out, so a copy opens with (next to) no write-ahead log to replay.
  await client.exec('CHECKPOINT');
  const partial = `${template}.${process.pid}.partial`;
  // Synchronous, so no query runs during the copy: PGlite runs each query to its end on this
  // thread, writing straight to these files. The copy is the database between two queries,
  // which Postgres opens as after a crash: what was committed is there.
  cpSync(pgliteDir, partial, { recursive: true, filter: (file) => path.basename(file) !== LOCK_FILE });
  try {
    renameSync(partial, template);
  } catch {
    // Another start saved the same template first.
    rmSync(partial, { recursive: true, force: true });
    return;
  }
  for (const name of readdirSync(path.dirname(template))) {
    if (name.startsWith(PREFIX) && name !== path.basename(template)) rmSync(path.join(path.dirname(template), name), { recursive: true, force: true });
  }
}

function pgliteVersion(): string {
  const manifest = path.join(assets.nodeModules, '@electric-sql/pglite/package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
}
