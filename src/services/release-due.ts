import { type CaseDueForRelease, casesDueForRelease } from '../db/repositories/cases.repository';
import type { Database } from '../db/client';
import type { IsoDate } from '../domain/dates';
import { categoryName, type Policy } from '../domain/policy';
import { blockersOf, type ReleaseBlocker } from '../domain/release';

export interface ReleaseCandidate extends CaseDueForRelease {
  categoryName: string;
  blockers: ReleaseBlocker[];
}

/** A village's or the township's cases due for release: how many are ready and held, and the first few of them. */
export interface ReleaseList {
  ready: number;
  held: number;
  /** Ready ones first, then held ones; at most the `perList` asked for. */
  first: ReleaseCandidate[];
}

// Categories whose release asks for no negative test (an unknown category asks for them).
function exemptCategories(policy: Policy): string[] {
  return policy.categories.filter((c) => !c.releaseRequiresNegativeFinalTest).map((c) => c.code);
}

function candidateOf(c: CaseDueForRelease, policy: Policy): ReleaseCandidate {
  return { ...c, categoryName: categoryName(policy, c.category), blockers: blockersOf(c.facts) };
}

/**
 * Cases whose period has ended by `date`, per village and for the township: the counts, and
 * the first `perList` of each (a card lists no more), so the work stays the same however many are due.
 */
export async function releaseLists(
  db: Database,
  input: { date: IsoDate; policy: Policy; perList: number },
): Promise<{ township: ReleaseList; byVillage: Map<number, ReleaseList> }> {
  const due = await casesDueForRelease(db, { date: input.date, exemptCategories: exemptCategories(input.policy), perList: input.perList });
  const listOf = (l: { ready: number; held: number; first: CaseDueForRelease[] }): ReleaseList => ({ ...l, first: l.first.map((c) => candidateOf(c, input.policy)) });
  return { township: listOf(due.township), byVillage: new Map([...due.byVillage].map(([villageId, l]) => [villageId, listOf(l)])) };
}
