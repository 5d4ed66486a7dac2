import type { Database } from '../db/client';
import { listCases } from '../db/repositories/cases.repository';
import { listTeamsOf } from '../db/repositories/teams.repository';
import type { IsoDate } from '../domain/dates';
import { dayNumber } from '../domain/period';
import { categoryByCode, type Policy } from '../domain/policy';
import { missingParts } from '../domain/team';
import type { TeamListRow } from '../cards/team-list-card';
import { describeTeam } from './teams';

/** The 二包一 rows of a village: its cases under home management (not those at an isolation point), each with its team. */
export async function teamListRows(db: Database, input: { villageId: number; today: IsoDate; policy: Policy }): Promise<TeamListRow[]> {
  const { rows } = await listCases(db, { villageIds: [input.villageId], category: null, status: 'active', limit: 10_000, offset: 0 });
  const atHome = rows.filter((c) => c.isolationPointId === null);
  const teams = await listTeamsOf(db, atHome.map((c) => c.id));
  const out: TeamListRow[] = [];
  for (const c of atHome) {
    const category = categoryByCode(input.policy, c.category);
    const team = teams.get(c.id) ?? [];
    const missing = missingParts(category.teamRequired, team);
    out.push({
      id: c.id,
      name: c.nameMasked,
      category: category.name,
      day: dayNumber(c.startDate, input.today),
      team: await describeTeam(db, { team, missing, policy: input.policy }),
      incomplete: missing.length > 0,
    });
  }
  return out;
}
