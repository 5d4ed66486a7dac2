import type { Database } from '../db/client';
import { overdueByVillage, type VillageOverdue } from '../db/repositories/duties.repository';
import { getVillagesByIds } from '../db/repositories/villages.repository';
import type { IsoDate } from '../domain/dates';
import type { Policy } from '../domain/policy';
import { type Card } from '../cards/card';
import { overdueCard } from '../cards/overdue-card';
import { OVERDUE_PAGE_ROWS } from '../cards/page-sizes';
import { doctorsOf, samplersOf } from './recipients';

/**
 * The people an overdue card calls on: the village's doctors (temperatures, and sampling where
 * they help), and the township's samplers when a test is among the rows.
 */
async function mentionsFor(db: Database, villageId: number, overdue: VillageOverdue): Promise<string[]> {
  const doctors = await doctorsOf(db, villageId);
  const samplers = overdue.byKind.test ? await samplersOf(db) : [];
  return [...new Set([...doctors, ...samplers])];
}

/** 「逾期未完成」 of one village as the database has it at `now` (also after a 补采 press). */
export async function villageOverdueCard(
  db: Database,
  input: { villageId: number; date: IsoDate; now: Date; policy: Policy; timeZone: string; overdue?: VillageOverdue; villageName?: string },
): Promise<Card> {
  const overdue =
    input.overdue ??
    (await overdueByVillage(db, { date: input.date, now: input.now, perVillage: OVERDUE_PAGE_ROWS, villageId: input.villageId })).get(input.villageId) ?? { total: 0, byKind: {}, first: [] };
  const villageName = input.villageName ?? (await getVillagesByIds(db, [input.villageId]))[0]?.name ?? '';
  return overdueCard({ ...input, villageName, overdue, mention: await mentionsFor(db, input.villageId, overdue) });
}
