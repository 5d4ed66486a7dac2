import type { Database } from '../db/client';
import { type CaseRecord, lockCase } from '../db/repositories/cases.repository';
import { type LifecycleAction, requiredStatus } from '../domain/lifecycle';
import { type Actor, canManageCase, canProposeRelease, canRelease, canViewVillage } from '../domain/permissions';
import { caseText } from '../messages/cases';
import { lifecycleText } from '../messages/lifecycle';
import { UserError } from '../shared/user-error';

/**
 * The case a lifecycle command names, locked for the rest of the transaction (two changes to
 * one case run one after the other), or a refusal saying why it cannot be acted on.
 */
export async function caseForAction(db: Database, input: { id: number; actor: Actor; action: LifecycleAction }): Promise<CaseRecord> {
  const found = await lockCase(db, input.id);
  // Not seeing the case and its not existing read the same (no existence oracle).
  if (!found || !canViewVillage(input.actor, found.villageId)) throw new UserError(caseText.notFound(input.id));
  if (!mayAct(input.actor, found.villageId, input.action)) throw new UserError(lifecycleText.noPermission(input.id));
  if (found.status !== requiredStatus(input.action)) {
    throw new UserError(lifecycleText.wrongStatus(input.id, caseText.status[found.status], input.action));
  }
  return found;
}

/** Releasing is proposed by those who may propose (the village, HQ members) and decided by leads. */
function mayAct(actor: Actor, villageId: number, action: LifecycleAction): boolean {
  if (action === 'release') return canRelease(actor) || canProposeRelease(actor, villageId);
  return canManageCase(actor, villageId);
}
