import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// Built (`npm run build`), every module is bundled into dist/main.js and the build copies the
// files below beside it; run from source, they stay where they are edited.
const built = path.basename(here) === 'dist';

/** Files the code reads at run time, found from the source tree or from dist/ alike. */
export const assets = {
  /** The committed SQL migrations (drizzle-kit output). */
  migrations: built ? path.join(here, 'migrations') : path.join(here, '../db/migrations'),
  defaultPolicy: built ? path.join(here, 'policy/default.yaml') : path.join(here, '../../policy/default.yaml'),
  /** The sandbox page (HTML, scripts, styles). */
  sandboxWeb: built ? path.join(here, 'web') : path.join(here, '../sandbox/web'),
  nodeModules: built ? path.join(here, '../node_modules') : path.join(here, '../../node_modules'),
  /** Rebuildable files (node_modules/.cache, where build tools keep theirs). */
  cacheDir: built ? path.join(here, '../node_modules/.cache/homewatch') : path.join(here, '../../node_modules/.cache/homewatch'),
};
