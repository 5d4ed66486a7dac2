import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats';

export { freePort } from '../../tests/helpers/server-process';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Output lines beyond the first few printed live. */
  readonly extraLines: number;
  /** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node --import tsx <script>` from the project root with the given environment. */
export function startTsChild(name: string, script: string, env: Record<string, string>, opts: { maxLiveLines?: number; nodeArgs?: string[] } = {}): Child {
  const maxLiveLines = opts.maxLiveLines ?? 20;
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let shown = 0;
  let extra = 0;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      if (shown < maxLiveLines) {
        shown++;
        process.stderr.write(`[${name}] ${line.length > 400 ? `${line.slice(0, 400)}…` : line}\n`);
      } else extra++;
    }
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  return {
    name,
    proc,
    pid: proc.pid!,
    get extraLines() {
      return extra;
    },
    async stop(graceMs = 10_000) {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
      if (timedOut) {
        proc.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** Polls GET url until it answers 200 (or the child dies, or the time is up). */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited with code ${child.proc.exitCode} before it was ready`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

// ---- CPU accounting from /proc (Linux), so a table can say where the cores went ----

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 0; utime and stime are fields 11 and 12.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      sum += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process went away
    }
  }
  return sum;
}

function machineBusyTicks(): number {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = first;
  return user + nice + system + irq + softirq + steal;
}

export interface CpuSample {
  at: number;
  target: number;
  postgres: number;
  self: number;
  machine: number;
}

export interface CpuUse {
  /** Percent of one core, averaged over the interval. */
  target: number;
  postgres: number;
  loadgen: number;
  /** Everything else on the machine (other processes, e.g. concurrently running test suites). */
  other: number;
  machine: number;
}

export function sampleCpu(targetPid: number | null): CpuSample {
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    target: targetPid ? processTicks(targetPid) : 0,
    postgres: postgresTicks(),
    self: ((self.user + self.system) / 1e6) * TICKS_PER_SECOND,
    machine: machineBusyTicks(),
  };
}

export function cpuBetween(a: CpuSample, b: CpuSample): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => (seconds > 0 ? (ticks / TICKS_PER_SECOND / seconds) * 100 : 0);
  const target = pct(b.target - a.target);
  const pg = pct(b.postgres - a.postgres);
  const loadgen = pct(b.self - a.self);
  const machine = pct(b.machine - a.machine);
  return { target, postgres: pg, loadgen, other: Math.max(0, machine - target - pg - loadgen), machine };
}

/** 1-minute load average and the CPU percentage used by processes other than ours in the last second. */
export async function machineQuietness(ownPids: number[]): Promise<{ loadavg: number; busyOtherPct: number }> {
  const a = sampleCpu(null);
  const ownA = ownPids.map(processTicks).reduce((x, y) => x + y, 0);
  await sleep(1000);
  const b = sampleCpu(null);
  const ownB = ownPids.map(processTicks).reduce((x, y) => x + y, 0);
  const use = cpuBetween(a, b);
  const own = ((ownB - ownA) / TICKS_PER_SECOND / ((b.at - a.at) / 1000)) * 100;
  return {
    loadavg: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    busyOtherPct: Math.max(0, use.machine - use.loadgen - own),
  };
}
