import { type CaseDueForRelease, casesDueForRelease } from '../db/repositories/cases.repository';
import type { Database } from '../db/client';
import type { IsoDate } from '../domain/dates';
import { findCategory, type Policy } from '../domain/policy';
import { type ReleaseBlocker, releaseBlockers } from '../domain/release';

export interface ReleaseCandidate extends CaseDueForRelease {
  categoryName: string;
  blockers: ReleaseBlocker[];
}

/** Cases whose period has ended by `date`, each with what (if anything) stands in the way of release. */
export async function releaseCandidates(db: Database, input: { date: IsoDate; policy: Policy }): Promise<ReleaseCandidate[]> {
  return (await casesDueForRelease(db, input.date)).map((c) => {
    const category = findCategory(input.policy, c.category);
    return {
      ...c,
      categoryName: category?.name ?? c.category,
      blockers: releaseBlockers({ tests: c.tests, openAlerts: c.openAlerts, requiresNegativeTests: category?.releaseRequiresNegativeFinalTest ?? true }),
    };
  });
}
