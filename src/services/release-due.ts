import type { Database } from '../db/client';
import { type CaseDueForRelease, type CategoryRule, casesDueForRelease, type OverdueReasons, releaseBacklog } from '../db/repositories/release-facts';
import type { IsoDate } from '../domain/dates';
import { categoryName, type Policy, releaseRuleOf } from '../domain/policy';
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

/** Each category's release rule, for the SQL that judges every case at once. */
function categoryRules(policy: Policy): CategoryRule[] {
  return policy.categories.map((c) => ({ code: c.code, rule: releaseRuleOf(c) }));
}

function candidateOf(c: CaseDueForRelease, policy: Policy): ReleaseCandidate {
  return { ...c, categoryName: categoryName(policy, c.category), blockers: blockersOf(c.facts) };
}

/**
 * Cases releasable by `date` under their category's rule, per village and for the township: the
 * counts, and the first `perList` of each (a card lists no more), so the work stays the same
 * however many are due.
 */
export async function releaseLists(
  db: Database,
  input: { date: IsoDate; policy: Policy; perList: number },
): Promise<{ township: ReleaseList; byVillage: Map<number, ReleaseList> }> {
  const due = await casesDueForRelease(db, { date: input.date, rules: categoryRules(input.policy), perList: input.perList });
  const listOf = (l: { ready: number; held: number; first: CaseDueForRelease[] }): ReleaseList => ({ ...l, first: l.first.map((c) => candidateOf(c, input.policy)) });
  return { township: listOf(due.township), byVillage: new Map([...due.byVillage].map(([villageId, l]) => [villageId, listOf(l)])) };
}

/** What waits for HQ: releases due today and tomorrow, and overdue ones with why (the first `perList`). */
export interface ReleaseWaiting {
  dueToday: number;
  dueTomorrow: number;
  overdue: { total: number; reasons: OverdueReasons; first: ReleaseCandidate[] };
}

export async function releasesWaiting(db: Database, input: { today: IsoDate; policy: Policy; perList: number }): Promise<ReleaseWaiting> {
  const backlog = await releaseBacklog(db, { today: input.today, rules: categoryRules(input.policy), perList: input.perList });
  return { ...backlog, overdue: { ...backlog.overdue, first: backlog.overdue.first.map((c) => candidateOf(c, input.policy)) } };
}
