// Production build: bundles src/main.ts and src/cli.ts with esbuild into dist/ (Node resolves
// the npm packages from node_modules at run time) and copies beside them the files the code
// reads at run time (src/shared/assets.ts finds them there). tsc does not emit runnable ESM
// here: the sources import without extensions, which only a bundler (or tsx) resolves.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

export async function buildDist() {
  rmSync(dist, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
    outdir: dist,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(path.join(root, 'src/db/migrations'), path.join(dist, 'migrations'), { recursive: true });
  mkdirSync(path.join(dist, 'policy'), { recursive: true });
  cpSync(path.join(root, 'policy/default.yaml'), path.join(dist, 'policy/default.yaml'));
  cpSync(path.join(root, 'src/sandbox/web'), path.join(dist, 'web'), { recursive: true, filter: (f) => !f.endsWith('.d.ts') });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildDist();
  console.log(`dist/ built in ${Math.round(performance.now() - started)} ms: node dist/main.js (server), node dist/cli.js (CLI)`);
}
