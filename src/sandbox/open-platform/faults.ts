import type { ScriptedAnswer } from './types';

type Predicate = (req: { method: string; path: string }) => ScriptedAnswer | null;

/** Scripted failures: the next matching requests, or every request while a predicate says so, or requests left unanswered. */
export function createFaults() {
  let oneShotFaults: { method?: string; pathPrefix?: string; answer: ScriptedAnswer; remaining: number }[] = [];
  let persistentFaults: Predicate[] = [];
  let hangAfter: ((req: { method: string; path: string }) => boolean) | null = null;

  function scriptedFault(method: string, path: string): ScriptedAnswer | null {
    const rule = oneShotFaults.find(
      (f) => f.remaining > 0 && (!f.method || f.method === method) && (!f.pathPrefix || path.startsWith(f.pathPrefix)),
    );
    if (rule) {
      rule.remaining -= 1;
      oneShotFaults = oneShotFaults.filter((f) => f.remaining > 0);
      return rule.answer;
    }
    for (const predicate of persistentFaults) {
      const answer = predicate({ method, path });
      if (answer) return answer;
    }
    return null;
  }

  return {
    scriptedFault,
    failNext(match: { method?: string; pathPrefix?: string }, answer: ScriptedAnswer, times = 1) {
      oneShotFaults.push({ ...match, answer, remaining: times });
    },
    failWhile(predicate: Predicate) {
      persistentFaults.push(predicate);
    },
    hangAfterHandling(predicate: ((req: { method: string; path: string }) => boolean) | null) {
      hangAfter = predicate;
    },
    hangs(req: { method: string; path: string }) {
      return hangAfter?.(req) ?? false;
    },
    clearFaults() {
      oneShotFaults = [];
      persistentFaults = [];
    },
    reset() {
      oneShotFaults = [];
      persistentFaults = [];
      hangAfter = null;
    },
  };
}
