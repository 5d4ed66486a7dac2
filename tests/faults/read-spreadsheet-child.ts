// Reads one spreadsheet file as the import worker does and prints the outcome, the time and
// the process's peak memory: run as its own process so nothing else counts in the peak.
import { readFileSync } from 'node:fs';
import { readSpreadsheet } from '../../src/services/read-spreadsheet';

const bytes = readFileSync(process.argv[2]!);
const started = performance.now();
const read = await readSpreadsheet(bytes, 'xlsx', 10_010);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ outcome: read.ok ? 'ok' : read.reason, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
