// `npm start`: runs the bundled server (dist/main.js), building it first when any source is
// newer. Loading one prebuilt file instead of transpiling some 300 TypeScript modules
// through tsx at every start is most of the start time on a small machine (bench:start).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/main.js');
const SOURCES = ['src', 'commands', 'jobs', 'card-actions', 'policy', 'package.json', 'scripts/build.mjs'];

function newestChange(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...SOURCES.map((s) => path.join(root, s)).filter(existsSync).map(newestChange));
// esbuild is loaded only when a build is needed.
if (sourcesAt > builtAt) await (await import('./build.mjs')).buildDist();
await import(pathToFileURL(built).href);
