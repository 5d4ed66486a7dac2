import type { Database } from '../db/client';
import { overdueByPlace, type PlaceOverdue } from '../db/repositories/duty-days.repository';
import type { IsoDate } from '../domain/dates';
import type { Place } from '../domain/place';
import type { Policy } from '../domain/policy';
import { type Card } from '../cards/card';
import { overdueCard } from '../cards/overdue-card';
import { OVERDUE_PAGE_ROWS } from '../cards/page-sizes';
import { placeName } from './day-cards';
import { doctorsOf, medicsOf, samplersOf } from './recipients';
import { teamWorkers } from './team-work';

/**
 * The people an overdue card calls on: at an isolation point its medical staff; in a village
 * its doctors (temperatures, and sampling where they help), and the township's samplers when a
 * test is among the rows.
 */
async function mentionsFor(db: Database, place: Place, overdue: PlaceOverdue, policy: Policy): Promise<string[]> {
  if (place.kind === 'point') return medicsOf(db, place.id);
  const caseIdsOf = (kind: 'visit' | 'rollcall') => overdue.first.filter((d) => d.kind === kind).map((d) => d.caseId);
  const doctors = overdue.byKind.test || overdue.byKind.temp ? await doctorsOf(db, place.id) : [];
  const samplers = overdue.byKind.test ? await samplersOf(db) : [];
  // Visits and roll calls are the team's work, not the doctor's: its members are called on.
  const visits = await teamWorkers(db, { caseIds: caseIdsOf('visit'), kind: 'visit', policy });
  const rollcalls = await teamWorkers(db, { caseIds: caseIdsOf('rollcall'), kind: 'rollcall', policy });
  return [...new Set([...doctors, ...samplers, ...visits, ...rollcalls])];
}

/** 「逾期未完成」 of one place as the database has it at `now` (also after a 补采 press). */
export async function placeOverdueCard(
  db: Database,
  input: { place: Place; date: IsoDate; now: Date; policy: Policy; timeZone: string; overdue?: PlaceOverdue; placeName?: string },
): Promise<Card> {
  const overdue =
    input.overdue ??
    (await overdueByPlace(db, { by: input.place.kind, date: input.date, now: input.now, perPlace: OVERDUE_PAGE_ROWS, only: input.place })).get(input.place.id) ?? {
      total: 0,
      byKind: {},
      first: [],
    };
  const name = input.placeName ?? (await placeName(db, input.place));
  return overdueCard({ ...input, placeName: name, overdue, mention: await mentionsFor(db, input.place, overdue, input.policy) });
}
