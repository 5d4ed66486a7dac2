import { toHalfWidth } from './dates';

export type VillageMatch = { kind: 'exact'; name: string } | { kind: 'suggest'; name: string } | { kind: 'none' };

// Longest first so 村委会 is stripped whole rather than leaving 村委.
const SUFFIXES = ['村民委员会', '居民委员会', '村委会', '居委会', '社区', '嘎查', '村', '组', '屯'];

export function normalizeVillage(word: string): string {
  return toHalfWidth(word).replace(/\s+/g, '');
}

/** The name without its administrative suffix: 东风村, 东风社区 and 东风 share the stem 东风. */
export function villageStem(name: string): string {
  const n = normalizeVillage(name);
  for (const s of SUFFIXES) {
    if (n.length > s.length && n.endsWith(s)) return n.slice(0, -s.length);
  }
  return n;
}

export function looksLikeVillageName(word: string): boolean {
  const n = normalizeVillage(word);
  const suffix = SUFFIXES.find((s) => n.endsWith(s));
  return suffix !== undefined && n.length > suffix.length && n.length <= 12 && /^[\p{Script=Han}0-9]+$/u.test(n);
}

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

const len = (s: string) => Array.from(s).length;

/**
 * Exact match, or a single "did you mean" for a near miss. Ties go to the first name in the
 * list: a question to the user costs little, silence costs a retry.
 */
export function matchVillage(word: string, villageNames: string[]): VillageMatch {
  const w = normalizeVillage(word);
  if (!w) return { kind: 'none' };
  const exact = villageNames.find((n) => normalizeVillage(n) === w);
  if (exact !== undefined) return { kind: 'exact', name: exact };

  const stem = villageStem(w);
  const sameStem = villageNames.find((n) => villageStem(n) === stem);
  if (sameStem !== undefined) return { kind: 'suggest', name: sameStem };

  if (len(w) >= 2) {
    const near = villageNames.find((n) => {
      const s = villageStem(n);
      return (
        (len(normalizeVillage(n)) >= 2 && editDistance(w, normalizeVillage(n)) <= 1) ||
        (len(stem) >= 2 && len(s) >= 2 && editDistance(stem, s) <= 1)
      );
    });
    if (near !== undefined) return { kind: 'suggest', name: near };

    const containing = villageNames.filter((n) => normalizeVillage(n).includes(w));
    if (containing.length === 1 && containing[0] !== undefined) return { kind: 'suggest', name: containing[0] };
  }
  return { kind: 'none' };
}
