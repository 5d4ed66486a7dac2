import type { Database } from '../db/client';
import { type IsolationPoint, listIsolationPoints } from '../db/repositories/isolation-points.repository';
import { toHalfWidth } from '../domain/dates';
import { adminText } from '../messages/admin';
import { UserError } from '../shared/user-error';

/** The isolation point named (as typed), or a refusal listing the township's points. */
export async function findPointOrRefuse(db: Database, word: string): Promise<IsolationPoint> {
  const points = await listIsolationPoints(db);
  const typed = toHalfWidth(word).trim();
  const found = points.find((p) => p.name === typed);
  if (!found) throw new UserError(adminText.unknownPoint(typed, points.map((p) => p.name)));
  return found;
}
