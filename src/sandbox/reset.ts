import { rm } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import type { Config } from '../config';

/**
 * `npm run cli -- sandbox reset`: forgets the chats and the bot's data, so the next start
 * seeds the demo township again. Refused when Lark is configured: there the database is a
 * real township's. The data key is kept; it encrypts nothing once the data is gone.
 */
export async function resetSandbox(config: Config): Promise<string> {
  if (!config.sandbox) throw new Error('sandbox reset refused: LARK_APP_ID is set, so this is not a sandbox database');
  await rm(path.join(config.dataDir, 'sandbox'), { recursive: true, force: true });
  if (!config.databaseUrl) {
    await rm(path.join(config.dataDir, 'pglite'), { recursive: true, force: true });
    return `sandbox reset: removed the chats and the embedded database under ${config.dataDir}`;
  }
  const sql = postgres(config.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // The migrations' own bookkeeping lives in the "drizzle" schema; both go, so the next start migrates afresh.
    await sql.unsafe('drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;');
  } finally {
    await sql.end();
  }
  return `sandbox reset: removed the chats under ${config.dataDir} and every table of the database`;
}
