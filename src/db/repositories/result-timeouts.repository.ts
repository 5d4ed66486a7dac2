import { type SQL, sql } from 'drizzle-orm';
import { RECHECK_SLOT } from '../../domain/duties';
import type { Policy } from '../../domain/policy';
import type { Database } from '../client';
import { rowsOf } from '../rows';

/**
 * The instant a sampled test's result is due, in SQL over `d` (duties) and `c` (cases): the
 * same rule as resultDeadlineHours (src/domain/duties.ts) — a recheck's hours, else the
 * category's, else the policy's.
 */
export function resultDueAtSql(policy: Policy): SQL {
  const byCategory = policy.categories.filter((c) => c.resultDeadlineHours !== undefined);
  const hours = sql.join(
    [
      sql`case when d.slot = ${RECHECK_SLOT} then ${policy.results.recheckDeadlineHours}::float8`,
      ...byCategory.map((c) => sql`when c.category = ${c.code} then ${c.resultDeadlineHours!}::float8`),
      sql`else ${policy.results.deadlineHours}::float8 end`,
    ],
    sql` `,
  );
  return sql`(d.sampled_at + (${hours}) * interval '1 hour')`;
}

export interface ResultTimeout {
  dutyId: number;
  caseId: number;
  caseNameMasked: string;
  villageId: number;
  day: number;
  slot: string | null;
  sampledAt: Date;
}

/**
 * Sampled tests of active cases whose result is past due and not yet announced (结果超时):
 * marked announced in the caller's transaction and returned, oldest first. Rows another
 * instance is marking are skipped.
 */
export async function takeResultTimeouts(db: Database, input: { now: Date; policy: Policy }): Promise<ResultTimeout[]> {
  const rows = rowsOf<{ id: number; case_id: number; name_masked: string; village_id: number; day: number; slot: string | null; sampled_at: string | Date }>(
    await db.execute(sql`
      with late as (
        select d.id from duties d join cases c on c.id = d.case_id
        where d.status = 'sampled' and d.result_overdue_at is null and c.status = 'active'
          and ${resultDueAtSql(input.policy)} <= ${input.now.toISOString()}::timestamptz
        for update of d skip locked)
      update duties d set result_overdue_at = ${input.now.toISOString()}::timestamptz
      from late, cases c
      where d.id = late.id and c.id = d.case_id
      returning d.id, d.case_id, c.name_masked, d.village_id, d.day, d.slot, d.sampled_at`),
  );
  return rows
    .map((r) => ({ dutyId: r.id, caseId: r.case_id, caseNameMasked: r.name_masked, villageId: r.village_id, day: r.day, slot: r.slot, sampledAt: new Date(r.sampled_at) }))
    .sort((a, b) => a.sampledAt.getTime() - b.sampledAt.getTime() || a.dutyId - b.dutyId);
}
