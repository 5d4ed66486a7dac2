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
import { rollcallCard, visitsCard } from '../cards/team-work-cards';
import { teamWorkers } from './team-work';
import { ROLLCALL_PAGE_ROWS, TEMPS_PAGE_ROWS, TESTS_PAGE_ROWS, VISITS_PAGE_ROWS } from '../cards/page-sizes';

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
  return (await dayTests(db, input)).card;
}

/** The tests card and how many it lists: /今日 says 「…今天没有需要采样的人」 rather than post an empty card. */
export async function dayTests(
  db: Database,
  input: { place: Place; date: IsoDate; page: number; timeZone: string; known?: KnownPlaceDay },
): Promise<{ card: Card; total: number; placeName: string }> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'test', pageSize: TESTS_PAGE_ROWS, total: input.known?.total });
  return { card: testsCard({ ...input, ...page, placeName: name }), total: page.total, placeName: name };
}

/** 「今日体温」 of a place, day and slot (上午/下午). */
export async function dayTempsCard(
  db: Database,
  input: { place: Place; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy; known?: KnownPlaceDay },
): Promise<Card> {
  return (await dayTemps(db, input)).card;
}

/** The temperatures card of a slot and how many it lists (see dayTests). */
export async function dayTemps(
  db: Database,
  input: { place: Place; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy; known?: KnownPlaceDay },
): Promise<{ card: Card; total: number; placeName: string; slotLabel: string }> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'temp', pageSize: TEMPS_PAGE_ROWS, total: input.known?.total });
  const slotLabel = input.policy.tempSlots.find((s) => s.key === input.slot)?.label ?? input.slot;
  return { card: tempsCard({ ...input, ...page, placeName: name, slotLabel, symptoms: symptomChoices(input.policy) }), total: page.total, placeName: name, slotLabel };
}

/** 「今日上门」 of a village and day: the team members whose work the visits are @-mentioned. */
export async function dayVisitsCard(
  db: Database,
  input: { place: Place; date: IsoDate; page: number; timeZone: string; policy: Policy; askReasonFor?: number; known?: KnownPlaceDay },
): Promise<Card> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'visit', pageSize: VISITS_PAGE_ROWS, total: input.known?.total });
  const mention = await teamWorkers(db, { caseIds: page.rows.filter((d) => d.status === 'pending').map((d) => d.caseId), kind: 'visit', policy: input.policy });
  return visitsCard({ ...input, ...page, placeName: name, mention });
}

/** 「早上点名」 (one roll-call slot) of a village and day. */
export async function dayRollcallCard(
  db: Database,
  input: { place: Place; date: IsoDate; slot: string; page: number; timeZone: string; policy: Policy; known?: KnownPlaceDay },
): Promise<Card> {
  const name = input.known?.placeName ?? (await placeName(db, input.place));
  const page = await pagePlaceDuties(db, { ...input, kind: 'rollcall', pageSize: ROLLCALL_PAGE_ROWS, total: input.known?.total });
  const slotLabel = input.policy.rollCallSlots.find((s) => s.key === input.slot)?.label ?? input.slot;
  const mention = await teamWorkers(db, { caseIds: page.rows.filter((d) => d.status === 'pending').map((d) => d.caseId), kind: 'rollcall', policy: input.policy });
  return rollcallCard({ ...input, ...page, placeName: name, slotLabel, mention });
}
