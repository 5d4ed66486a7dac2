import crypto from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { assets } from '../shared/assets';

/**
 * A freshly migrated PGlite data directory, kept as a tarball so that the next empty
 * DATA_DIR (a new trial, `sandbox reset`) starts from it instead of running initdb and every
 * migration again, which is most of a bare start (bench:start). It lives in node_modules'
 * cache and its name holds a hash of the PGlite version and the migrations: a new
 * migration or PGlite release simply makes a new one.
 */
export function templateFile(migrationsFolder: string): string {
  const hash = crypto.createHash('sha256');
  hash.update(pgliteVersion());
  for (const name of readdirSync(migrationsFolder).filter((f) => f.endsWith('.sql')).sort()) {
    hash.update(name).update(readFileSync(path.join(migrationsFolder, name)));
  }
  return path.join(assets.cacheDir, `pglite-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The template's bytes, or undefined when there is none yet. */
export function readTemplate(file: string): Blob | undefined {
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Keeps this freshly migrated database as the template (written whole, then renamed into place). */
export async function saveTemplate(client: PGlite, file: string): Promise<void> {
  const dump = await client.dumpDataDir('gzip');
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
}

function pgliteVersion(): string {
  const manifest = path.join(assets.nodeModules, '@electric-sql/pglite/package.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
}
