import type { IsoDate } from './dates';
import { type Category, type Policy, releaseRuleOf } from './policy';

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
 * test when the category's release needs a negative test (the extension exists to get one; for
 * `final_negative` it becomes the final test).
 */
export function caseCategory(category: Category, extensionDays: number, policy: Policy): Category {
  if (extensionDays <= 0) return category;
  const last = category.phases[category.phases.length - 1]!;
  const extension = {
    label: policy.lifecycle.extensionLabel,
    days: extensionDays,
    testDays: (releaseRuleOf(category)?.needs ?? 'nothing') !== 'nothing' ? [extensionDays] : [],
    tempChecksPerDay: last.tempChecksPerDay,
    managedAt: last.managedAt,
  };
  return { ...category, phases: [...category.phases, extension] };
}

/** Start date of the period after a change of category: kept, or today, as the policy says. */
export function startDateAfterChange(input: { startDate: IsoDate; today: IsoDate; policy: Policy }): IsoDate {
  return input.policy.lifecycle.onCategoryChange === 'restart' ? input.today : input.startDate;
}
