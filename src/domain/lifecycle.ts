import { compareDates, type IsoDate } from './dates';
import type { Category, Policy } from './policy';
import { releaseBlockers, type ReleaseBlocker, type TestRecord } from './release';

export type CaseStatus = 'active' | 'released' | 'transferred' | 'closed';

/** What can happen to a case, and the state it must be in for it. */
export type LifecycleAction = 'release' | 'transfer' | 'close' | 'change' | 'extend' | 'edit' | 'return';

const REQUIRED_STATUS: Record<LifecycleAction, CaseStatus> = {
  release: 'active',
  transfer: 'active',
  close: 'active',
  change: 'active',
  extend: 'active',
  edit: 'active',
  // A transferred person who comes back starts a new period; released and closed cases do not
  // come back (a new arrival is a new registration).
  return: 'transferred',
};

export function requiredStatus(action: LifecycleAction): CaseStatus {
  return REQUIRED_STATUS[action];
}

/**
 * The category as this case lives it: days added by /extend form one last phase, ending with a
 * test when the category needs a negative final test (the extension exists to get one).
 */
export function caseCategory(category: Category, extensionDays: number, policy: Policy): Category {
  if (extensionDays <= 0) return category;
  const last = category.phases[category.phases.length - 1]!;
  const extension = {
    label: policy.lifecycle.extensionLabel,
    days: extensionDays,
    testDays: category.releaseRequiresNegativeFinalTest ? [extensionDays] : [],
    tempChecksPerDay: last.tempChecksPerDay,
    managedAt: last.managedAt,
  };
  return { ...category, phases: [...category.phases, extension] };
}

/** Start date of the period after a change of category: kept, or today, as the policy says. */
export function startDateAfterChange(input: { startDate: IsoDate; today: IsoDate; policy: Policy }): IsoDate {
  return input.policy.lifecycle.onCategoryChange === 'restart' ? input.today : input.startDate;
}

export type ReleaseRefusal = ReleaseBlocker | { kind: 'not_ended'; endDate: IsoDate };

/**
 * Everything that stands between a case and its release today: the period must have ended
 * (its last day may be today) and the release rules must hold.
 */
export function releaseRefusals(input: {
  endDate: IsoDate;
  today: IsoDate;
  tests: TestRecord[];
  openAlerts: number;
  requiresNegativeTests: boolean;
}): ReleaseRefusal[] {
  const notEnded: ReleaseRefusal[] = compareDates(input.endDate, input.today) > 0 ? [{ kind: 'not_ended', endDate: input.endDate }] : [];
  return [...notEnded, ...releaseBlockers(input)];
}
