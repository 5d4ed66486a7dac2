import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './server-process';

/** A throwaway Postgres cluster of our own, so a test may restart it under load. */
export interface OwnPostgres {
  url: string;
  /** Stops the server, keeps it down for `downMs` (so requests in that window fail), starts it again. */
  restart(downMs: number): Promise<void>;
  stop(): void;
}

function binDir(): string {
  const candidates = ['/usr/lib/postgresql'].filter(existsSync).flatMap((d) => readdirSync(d).map((v) => path.join(d, v, 'bin')));
  const found = candidates.sort().reverse().find((d) => existsSync(path.join(d, 'pg_ctl')));
  if (!found) throw new Error('no PostgreSQL binaries under /usr/lib/postgresql');
  return found;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binDir();
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hw-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // initdb refuses to run as root: hand the directory to the postgres user.
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(path.join(bin, cmd), args, { stdio: 'pipe' });
  const runAsync = (cmd: string, args: string[]) =>
    asRoot
      ? promisify(execFile)('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args])
      : promisify(execFile)(path.join(bin, cmd), args);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart(downMs) {
      // Asynchronous, so the test keeps sending while the server is down.
      await runAsync('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await new Promise((r) => setTimeout(r, downMs));
      await runAsync('pg_ctl', ['-D', data, '-o', opts, '-l', path.join(dir, 'log'), '-w', 'start']);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
