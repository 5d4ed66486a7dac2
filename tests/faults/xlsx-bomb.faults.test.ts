import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildXlsxBomb } from '../helpers/xlsx-bomb';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// Issue 11, finding 7: a 2 MB xlsx with 30 million cells took 4.3 GB and minutes.
describe('an xlsx zip bomb', () => {
  it('is refused in under a second, with the reading process under 300 MB', async () => {
    const bomb = await buildXlsxBomb({ rows: 30_000, columns: 1_000 });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'hw-bomb-')), 'bomb.xlsx');
    writeFileSync(file, bomb);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/faults/read-spreadsheet-child.ts', file], { cwd: ROOT, encoding: 'utf8' });
    const result = JSON.parse(out) as { outcome: string; ms: number; peakRssMb: number };
    console.log(`xlsx bomb (${(bomb.length / 1e6).toFixed(1)} MB, 30 million cells): ${result.outcome} in ${result.ms.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
    expect(result.outcome).toBe('too_big');
    expect(result.ms).toBeLessThan(1000);
    expect(result.peakRssMb).toBeLessThan(300);
  });
});
