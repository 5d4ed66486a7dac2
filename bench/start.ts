/**
 * Start-time benchmark (prints figures; not a test): how long `npm start` on a bare machine
 * takes to answer /healthz, on a fresh DATA_DIR (first start: PGlite created, migrations,
 * data key) and again on the same DATA_DIR (a restart), five times each; then where the time
 * goes, measured piece by piece in fresh processes. Goal (issue 16): ≤ 3 s for both.
 *
 *   npm run bench:start
 *
 * Environment (all optional): BENCH_START_COMMAND (default `npm start`; e.g. `node dist/main.js`),
 * BENCH_START_RUNS (5).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, ROOT } from './lib/proc';
import { fmt, percentile, sleep, sortedCopy } from './lib/stats';

const COMMAND = (process.env.BENCH_START_COMMAND ?? 'npm start').split(' ');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);

/** Milliseconds from spawning `COMMAND` to the first 200 from /healthz; the server is then stopped. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(COMMAND[0]!, COMMAND.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let errors = '';
  child.stderr!.on('data', (d) => (errors += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited at start:\n${errors}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(20);
    }
  } finally {
    // The whole group: `npm start` runs the server as its child.
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    // Let the server finish its own shutdown (npm may exit first) before the next start.
    await sleep(1500);
  }
}

const median = (xs: number[]) => percentile(sortedCopy(xs), 50);
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;

async function main() {
  const line = (s: string) => process.stdout.write(`${s}\n`);
  line(`# homewatch start benchmark: \`${COMMAND.join(' ')}\` until /healthz answers, ${RUNS} runs each`);
  const bare: number[] = [];
  const restart: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'homewatch-start-'));
    try {
      bare.push(await timeStart(dir));
      restart.push(await timeStart(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  line(`bare start (fresh DATA_DIR): median ${seconds(median(bare))} (runs: ${bare.map((x) => fmt(x / 1000, 2)).join(', ')})`);
  line(`restart (same DATA_DIR):     median ${seconds(median(restart))} (runs: ${restart.map((x) => fmt(x / 1000, 2)).join(', ')})`);

  line('## where the time goes (medians of 3 cold processes)');
  const pieces = (mode: string) => [0, 1, 2].map(() => JSON.parse(runNode(['--import', 'tsx', 'bench/lib/start-pieces.ts', mode])) as Record<string, number>);
  const fresh = pieces('fresh');
  const again = pieces('again');
  const m = (rows: Record<string, number>[], key: string) => seconds(median(rows.map((r) => r[key]!)));
  line(`node itself (no code):                       ${seconds(median([0, 1, 2].map(() => timeCommand([process.execPath, '-e', '0']))))}`);
  line(`npm run (the wrapper around node):           ${seconds(median([0, 1, 2].map(() => timeCommand(['npm', 'run', '--silent', 'env']))))}`);
  line(`load the code through tsx (with transpiling): ${m(fresh, 'loadMs')}`);
  line(`open PGlite: fresh DATA_DIR ${m(fresh, 'openMs')}, existing ${m(again, 'openMs')}`);
  line(`migrations:  fresh DATA_DIR ${m(fresh, 'migrateMs')}, existing ${m(again, 'migrateMs')}`);
}

function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
}

function timeCommand(cmd: string[]): number {
  const started = performance.now();
  execFileSync(cmd[0]!, cmd.slice(1), { cwd: ROOT, stdio: 'ignore' });
  return performance.now() - started;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
