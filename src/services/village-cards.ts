import type { Database } from '../db/client';
import { pageVillageDuties } from '../db/repositories/duties.repository';
import { getVillagesByIds } from '../db/repositories/villages.repository';
import type { IsoDate } from '../domain/dates';
import type { Policy } from '../domain/policy';
import { symptomChoices } from '../domain/symptoms';
import type { Card } from '../cards/card';
import { testsCard, tempsCard } from '../cards/duty-cards';
import { TEMPS_PAGE_ROWS, TESTS_PAGE_ROWS } from '../cards/page-sizes';

/** What a caller may know already about a village's card (the jobs, from progressByVillage): it is not read again. */
export interface KnownVillageDay {
  villageName: string;
  total: number;
}

async function villageNameOf(db: Database, villageId: number, known: KnownVillageDay | undefined): Promise<string> {
  if (known) return known.villageName;
  const [village] = await getVillagesByIds(db, [villageId]);
  return village?.name ?? '';
}

/** 「今日核酸采样」 of a village and day, built from what the database says now. */
export async function villageTestsCard(
  db: Database,
  input: { villageId: number; date: IsoDate; page: number; timeZone: string; known?: KnownVillageDay },
): Promise<Card> {
  const villageName = await villageNameOf(db, input.villageId, input.known);
  const page = await pageVillageDuties(db, { ...input, kind: 'test', pageSize: TESTS_PAGE_ROWS, total: input.known?.total });
  return testsCard({ ...input, ...page, villageName });
}

/** 「今日体温」 of a village, day and slot (上午/下午). */
export async function villageTempsCard(
  db: Database,
  input: { villageId: number; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy; known?: KnownVillageDay },
): Promise<Card> {
  const villageName = await villageNameOf(db, input.villageId, input.known);
  const page = await pageVillageDuties(db, { ...input, kind: 'temp', pageSize: TEMPS_PAGE_ROWS, total: input.known?.total });
  const slotLabel = input.policy.tempSlots.find((s) => s.key === input.slot)?.label ?? input.slot;
  return tempsCard({ ...input, ...page, villageName, slotLabel, symptoms: symptomChoices(input.policy) });
}
