import type { Database } from '../db/client';
import { getCase } from '../db/repositories/cases.repository';
import { type DutyRow, findCaseDuty } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { caseText } from '../messages/cases';
import { UserError } from '../shared/user-error';

/** Today's duties of one kind for a case typed by number (/采样 #12), or a refusal saying why not. */
export async function findTodaysDuties(
  db: Database,
  input: { caseId: number; today: IsoDate; kind: 'test' | 'temp'; slot?: string; noneMessage: string },
): Promise<DutyRow[]> {
  const found = await getCase(db, input.caseId);
  if (!found) throw new UserError(caseText.notFound(input.caseId));
  if (found.status !== 'active') throw new UserError(caseText.notActive(input.caseId, caseText.status[found.status]));
  const duties = await findCaseDuty(db, { caseId: input.caseId, date: input.today, kind: input.kind, slot: input.slot });
  if (duties.length === 0) throw new UserError(input.noneMessage);
  return duties;
}
