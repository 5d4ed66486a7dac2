import type { Database } from '../db/client';
import { type CaseChange, type CaseRecord, updateCase } from '../db/repositories/cases.repository';
import { cancelDuties, insertDuties, listCaseDuties } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { planDuties, replanDuties } from '../domain/duties';
import { caseCategory } from '../domain/lifecycle';
import { computePeriod, type Period } from '../domain/period';
import type { Category, Policy } from '../domain/policy';

/**
 * Lays the case's period anew — a new category, an extension, a new period after a return —
 * and replans its duties from today: history stays, pending work that no longer fits the plan
 * is cancelled, and what the plan adds is inserted.
 */
export async function replanCase(
  db: Database,
  input: { case: CaseRecord; category: Category; startDate: IsoDate; extensionDays: number; extra?: CaseChange; pointId?: number | null },
  at: { policy: Policy; timeZone: string; today: IsoDate; now: Date },
): Promise<Period> {
  const c = input.case;
  const lived = caseCategory(input.category, input.extensionDays, at.policy);
  const period = computePeriod(lived, input.startDate);
  await updateCase(
    db,
    c.id,
    { category: input.category.code, startDate: period.startDate, endDate: period.endDate, extensionDays: input.extensionDays, ...input.extra },
    at.now,
  );
  const planned = planDuties({ category: lived, startDate: period.startDate, policy: at.policy, timeZone: at.timeZone });
  const { cancel, add } = replanDuties({ existing: await listCaseDuties(db, c.id), planned, today: at.today });
  await cancelDuties(db, cancel);
  // Work of a phase at an isolation point goes to the case's point (a move says which).
  const pointId = input.pointId === undefined ? c.isolationPointId : input.pointId;
  await insertDuties(db, { caseId: c.id, villageId: c.villageId, pointId, planned: add });
  return period;
}
