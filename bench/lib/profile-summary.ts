/**
 * Summarises a V8 .cpuprofile (e.g. from BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"):
 *   npx tsx bench/lib/profile-summary.ts <file.cpuprofile> [fromSecond toSecond]
 * Without a window it prints the busy share of every second (to find the load window);
 * with one, the top functions by self time and the project's own frames by inclusive time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/lib/profile-summary.ts <file.cpuprofile> [fromSecond toSecond]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const short = (url: string) => url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|commands)\//, '$1/');
const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;

let t = profile.startTime;
const stamps = profile.samples.map((_, i) => (t += profile.timeDeltas[i] ?? 0) - profile.startTime);

if (fromArg === undefined) {
  const perSecond = new Map<number, { busy: number; all: number }>();
  profile.samples.forEach((id, i) => {
    const s = Math.floor(stamps[i]! / 1e6);
    const e = perSecond.get(s) ?? { busy: 0, all: 0 };
    const d = profile.timeDeltas[i] ?? 0;
    e.all += d;
    if (byId.get(id)!.callFrame.functionName !== '(idle)') e.busy += d;
    perSecond.set(s, e);
  });
  console.log('second  busy');
  for (const [s, e] of [...perSecond].sort((a, b) => a[0] - b[0])) console.log(`${String(s).padStart(6)}  ${((e.busy / e.all) * 100).toFixed(0)}%`);
  process.exit(0);
}

const from = Number(fromArg) * 1e6;
const to = Number(toArg ?? Infinity) * 1e6;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  if (stamps[i]! < from || stamps[i]! >= to) return;
  const d = profile.timeDeltas[i] ?? 0;
  total += d;
  const node = byId.get(id)!;
  self.set(label(node), (self.get(label(node)) ?? 0) + d);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!;
    if (!/\/(src|commands)\//.test(n.callFrame.url) || n.callFrame.url.includes('node_modules')) continue;
    const k = label(n);
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + d);
  }
});
const pct = (v: number) => `${((v / total) * 100).toFixed(1).padStart(5)} %`;
console.log(`window ${fromArg}–${toArg ?? 'end'} s: ${(total / 1000).toFixed(0)} ms sampled`);
console.log('-- self time');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(pct(v), k);
console.log('-- project frames, inclusive (async frames are cut at each await)');
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(pct(v), k);
