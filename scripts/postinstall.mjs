// Run by `npm ci` / `npm install`: patches postgres.js, then builds dist/ where the sources
// are here, so the first `npm start` on a machine does not spend its first seconds bundling
// (bench:start). The build is a convenience: where it cannot run (the Docker build installs
// before copying the sources; `--omit=dev` has no esbuild) `npm start` or `npm run build`
// makes dist/ later, and the install goes on.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

await import('./patch-postgres.mjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (existsSync(path.join(root, 'src/main.ts'))) {
  try {
    await (await import('./build.mjs')).buildDist();
  } catch (e) {
    console.warn(`homewatch: dist/ not built now (${e instanceof Error ? e.message : String(e)}); npm start builds it`);
  }
}
