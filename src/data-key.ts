import crypto from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/**
 * The key for personal data at rest. A real server must be given one (config enforces it);
 * on a bare machine with embedded PGlite it is generated once and kept next to the data,
 * so `npm start` works without setup and the data stays readable across restarts.
 */
export function resolveDataKey(config: Config): string {
  if (config.dataKey) return config.dataKey;
  const file = path.join(config.dataDir, 'data-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
