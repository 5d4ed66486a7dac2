import type { Database } from '../db/client';
import { pageVillageDuties } from '../db/repositories/duties.repository';
import { getVillagesByIds } from '../db/repositories/villages.repository';
import type { IsoDate } from '../domain/dates';
import type { Policy } from '../domain/policy';
import type { Card } from '../lark/cards/card';
import { ROWS_PER_CARD, testsCard, tempsCard } from '../lark/cards/duty-cards';

/** 「今日核酸采样」 of a village and day, built from what the database says now. */
export async function villageTestsCard(db: Database, input: { villageId: number; date: IsoDate; page: number; timeZone: string }): Promise<Card> {
  const [village] = await getVillagesByIds(db, [input.villageId]);
  const page = await pageVillageDuties(db, { ...input, kind: 'test', pageSize: ROWS_PER_CARD });
  return testsCard({ ...input, ...page, villageName: village?.name ?? '' });
}

/** 「今日体温」 of a village, day and slot (上午/下午). */
export async function villageTempsCard(
  db: Database,
  input: { villageId: number; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy },
): Promise<Card> {
  const [village] = await getVillagesByIds(db, [input.villageId]);
  const page = await pageVillageDuties(db, { ...input, kind: 'temp', pageSize: ROWS_PER_CARD });
  const slotLabel = input.policy.tempSlots.find((s) => s.key === input.slot)?.label ?? input.slot;
  return tempsCard({ ...input, ...page, villageName: village?.name ?? '', slotLabel });
}
