/**
 * Start-time benchmark (prints figures; not a test): how long `npm start` takes to answer
 * /healthz, five times each (goal, issue 16: ≤ 3 s):
 *   - the first start on this machine: a fresh DATA_DIR and no PGlite template yet (initdb,
 *     every migration, the template saved), as after `npm ci` or a new migration;
 *   - a bare start: a fresh DATA_DIR made from the template (a new trial, `sandbox reset`);
 *   - a restart on the DATA_DIR of the first.
 * Then where the time goes: the phases the server logs with "homewatch listening", and what
 * Node and npm cost before any of our code runs. The load average is printed with the figures:
 * on the shared machine other engineers' test runs can multiply every one of them.
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
import { migrationsFolder } from '../src/db/client';
import { templateDir } from '../src/db/pglite-template';
import { freePort, ROOT } from './lib/proc';
import { fmt, percentile, sleep, sortedCopy, table } from './lib/stats';

const COMMAND = (process.env.BENCH_START_COMMAND ?? 'npm start').split(' ');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const PHASES = ['load', 'database', 'workers', 'total'] as const;

interface Start {
  /** From spawning COMMAND to the first 200 from /healthz. */
  wallMs: number;
  /** The server's own account, in ms since its process started (src/main.ts). */
  phases: Record<(typeof PHASES)[number], number>;
}

/** Starts COMMAND on `dataDir` until /healthz answers 200, then stops it. */
async function timeStart(dataDir: string): Promise<Start> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(COMMAND[0]!, COMMAND.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let wallMs: number | undefined;
    while (wallMs === undefined) {
      if (child.exitCode !== null) throw new Error(`server exited at start:\n${output}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) wallMs = performance.now() - started;
      } catch {
        // not listening yet
      }
      if (wallMs === undefined) await sleep(20);
    }
    // The line is written as the server starts listening: by now it has arrived or is about to.
    for (let i = 0; i < 50 && !listeningLine(output); i++) await sleep(20);
    const line = listeningLine(output);
    if (!line) throw new Error(`no "homewatch listening" line with startMs:\n${output}`);
    return { wallMs, phases: line.startMs };
  } finally {
    // The whole group: `npm start` runs the server as its child.
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    // Let the server finish its own shutdown (npm may exit first) before the next start.
    await sleep(1500);
  }
}

function listeningLine(output: string): { startMs: Start['phases'] } | undefined {
  // Complete lines only: the last may still be arriving.
  for (const text of output.split('\n').slice(0, -1)) {
    if (!text.startsWith('{')) continue;
    const entry = JSON.parse(text) as { msg?: string; startMs?: Start['phases'] };
    if (entry.msg === 'homewatch listening' && entry.startMs) return { startMs: entry.startMs };
  }
  return undefined;
}

const median = (xs: number[]) => percentile(sortedCopy(xs), 50);
const seconds = (ms: number) => fmt(ms / 1000, 2);
const load = () => os.loadavg().map((l) => fmt(l, 2)).join(' / ');

async function main() {
  const line = (s: string) => process.stdout.write(`${s}\n`);
  line(`# homewatch start benchmark: \`${COMMAND.join(' ')}\` until /healthz answers, ${RUNS} runs each, ${os.cpus().length} CPUs`);
  line(`load average (1 / 5 / 15 min) before: ${load()}`);
  const template = templateDir(migrationsFolder);
  const dirs: string[] = [];
  const freshDir = () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'homewatch-start-'));
    dirs.push(d);
    return d;
  };
  const first: Start[] = [];
  const bare: Start[] = [];
  const restart: Start[] = [];
  try {
    // Not counted: builds dist/ when a source changed (npm start does), warms the OS file cache.
    await timeStart(freshDir());
    for (let i = 0; i < RUNS; i++) {
      rmSync(template, { recursive: true, force: true });
      const dir = freshDir();
      first.push(await timeStart(dir));
      restart.push(await timeStart(dir));
      bare.push(await timeStart(freshDir()));
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const row = (name: string, starts: Start[]) => [
    name,
    seconds(median(starts.map((s) => s.wallMs))),
    starts.map((s) => seconds(s.wallMs)).join(' '),
    ...PHASES.map((p) => seconds(median(starts.map((s) => s.phases[p])))),
  ];
  line('');
  line(
    table(
      ['start', 'median s', 'runs s', 'load', 'database', 'workers', 'listening'],
      [row('first on this machine (no template)', first), row('bare (fresh DATA_DIR)', bare), row('restart (same DATA_DIR)', restart)],
    ),
  );
  line('');
  line('Phases (medians, s): load = Node starting and every module loaded; database = the database opened (copied');
  line('from the template, or initdb) and migrated, the app wired; workers = the bot identity, workers, job catch-up;');
  line('listening = since the process started. The rest of "median" is npm and the healthz poll.');
  line(`node itself (no code): ${seconds(median([0, 1, 2].map(() => timeCommand([process.execPath, '-e', '0']))))} s; npm run (the wrapper around node): ${seconds(median([0, 1, 2].map(() => timeCommand(['npm', 'run', '--silent', 'env']))))} s`);
  line(`load average (1 / 5 / 15 min) after: ${load()}`);
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
