import crypto from 'node:crypto';
import postgres from 'postgres';

/**
 * The database a benchmark runs on: a fresh one created on the Postgres server
 * (BENCH_SERVER_URL, else TEST_DATABASE_URL, else the local test server) and dropped
 * afterwards; or, when BENCH_DATABASE_URL is set, that database as it is (never dropped)
 * unless `alwaysFresh` (a scratch database is then created on the same server).
 */
export interface BenchDatabase {
  url: string;
  /** True when this run created the database (and `drop` removes it). */
  created: boolean;
  drop(): Promise<void>;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

export async function createBenchDatabase(prefix: string, opts: { alwaysFresh?: boolean } = {}): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL?.trim();
  if (given && !opts.alwaysFresh) return { url: given, created: false, drop: async () => {} };
  const serverUrl = process.env.BENCH_SERVER_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || given || DEFAULT_SERVER;
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    created: true,
    async drop() {
      if (dropped) return;
      dropped = true;
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
