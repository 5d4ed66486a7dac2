import type { Database } from '../db/client';
import { pagePlaceDuties } from '../db/repositories/duty-days.repository';
import { getIsolationPointsByIds } from '../db/repositories/isolation-points.repository';
import { getVillagesByIds } from '../db/repositories/villages.repository';
import type { IsoDate } from '../domain/dates';
import type { Place } from '../domain/place';
import type { Policy } from '../domain/policy';
import { symptomChoices } from '../domain/symptoms';
import type { Card } from '../cards/card';
import { testsCard, tempsCard } from '../cards/duty-cards';
import { TEMPS_PAGE_ROWS, TESTS_PAGE_ROWS } from '../cards/page-sizes';

/** What a caller may know already about a place's card (the jobs, from progressByPlace): it is not read again. */
export interface KnownPlaceDay {
  placeName: string;
  total: number;
}

/** The name a place's cards carry: the village's, or the isolation point's. */
export async function placeName(db: Database, place: Place): Promise<string> {
  const [found] = place.kind === 'village' ? await getVillagesByIds(db, [place.id]) : await getIsolationPointsByIds(db, [place.id]);
  return found?.name ?? '';
}

/** 「今日核酸采样」 of a place and day, built from what the database says now. */
export async function dayTestsCard(
  db: Database,
  input: { place: Place; date: IsoDate; page: number; timeZone: string; known?: KnownPlaceDay },
): Promise<Card> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'test', pageSize: TESTS_PAGE_ROWS, total: input.known?.total });
  return testsCard({ ...input, ...page, placeName: name });
}

/** 「今日体温」 of a place, day and slot (上午/下午). */
export async function dayTempsCard(
  db: Database,
  input: { place: Place; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy; known?: KnownPlaceDay },
): Promise<Card> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'temp', pageSize: TEMPS_PAGE_ROWS, total: input.known?.total });
  const slotLabel = input.policy.tempSlots.find((s) => s.key === input.slot)?.label ?? input.slot;
  return tempsCard({ ...input, ...page, placeName: name, slotLabel, symptoms: symptomChoices(input.policy) });
}
