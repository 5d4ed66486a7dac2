import type { Database } from '../db/client';
import { listVillages, type Village } from '../db/repositories/villages.repository';
import { type Actor, canRegister } from '../domain/permissions';
import { matchVillage } from '../domain/village-match';
import { adminText } from '../messages/admin';
import { UserError } from '../shared/user-error';

/** The village a user named, or a refusal that suggests the near miss ("是不是东风村？"). */
export async function findVillageOrRefuse(db: Database, word: string): Promise<Village> {
  const villages = await listVillages(db);
  const match = matchVillage(word, villages.map((v) => v.name));
  if (match.kind === 'exact') return villages.find((v) => v.name === match.name)!;
  throw new UserError(adminText.unknownVillage(word, match.kind === 'suggest' ? match.name : null));
}

/**
 * The village to put in a /登记 example so that it works when copied: none in a village group
 * (the group's village is implied), else one the actor may register for.
 */
export function exampleVillage(input: { actor: Actor; inVillageGroup: boolean; villages: Village[] }): string | null {
  if (input.inVillageGroup) return null;
  return (input.villages.find((v) => canRegister(input.actor, v.id)) ?? input.villages[0])?.name ?? '东风村';
}
