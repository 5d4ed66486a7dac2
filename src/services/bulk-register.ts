import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Village } from '../db/repositories/villages.repository';
import { rowsOf } from '../db/rows';
import type { StoredDuplicate } from '../db/schema';
import type { IsoDate } from '../domain/dates';
import { pastTestDays, planDuties, planMakeup, replanDuties, type PlannedDuty } from '../domain/duties';
import type { ImportRowValue } from '../domain/import-rows';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import { computePeriod } from '../domain/period';
import { type Category, type Policy, startsAtIsolationPoint } from '../domain/policy';
import type { DataCipher } from '../shared/data-cipher';
import { sealPerson } from '../db/sealed-person';
import { teamHandover } from '../notices/recipients';
import { sendNotices } from '../notices/send-notices';

export interface BulkRegisterInput {
  rows: readonly ImportRowValue[];
  villages: readonly Village[];
  policy: Policy;
  cipher: DataCipher;
  actorOpenId: string;
  chatId: string;
  importId: number;
  /** Where people of a category that starts at an isolation point go: the township's only point; null when it has none or several (their duties then stay with the village). */
  defaultPointId: number | null;
  timeZone: string;
  today: IsoDate;
  now: Date;
}

export interface BulkRegisterOutcome {
  created: { row: number; caseId: number }[];
  duplicates: StoredDuplicate[];
}

// Statement sizes: a few MB of JSON each, far below what Postgres accepts in one parameter.
const CASES_PER_STATEMENT = 1000;
const DUTIES_PER_STATEMENT = 5000;

/**
 * Registers many people at once with the rules of registerCase (period, duties from today
 * on, an audit row per case), in the caller's transaction. Each table gets one multi-row
 * statement per chunk, the rows sent as one JSON parameter: the per-row query building of
 * the single path costs ~11 ms a case. A person already under management, also by a
 * registration or import committed meanwhile, is reported as a duplicate (the partial
 * unique index decides), never registered twice.
 */
export async function bulkRegisterCases(db: Database, input: BulkRegisterInput): Promise<BulkRegisterOutcome> {
  const villageIds = new Map(input.villages.map((v) => [v.name, v.id]));
  const plans = new Map<string, ReturnType<typeof importPlan>>();
  const created: BulkRegisterOutcome['created'] = [];
  const duplicates: StoredDuplicate[] = [];
  let pendingDuties: unknown[] = [];

  for (let at = 0; at < input.rows.length; at += CASES_PER_STATEMENT) {
    const chunk = input.rows.slice(at, at + CASES_PER_STATEMENT).map((value, ord) => {
      const category = input.policy.categories.find((c) => c.code === value.categoryCode);
      const villageId = villageIds.get(value.village);
      if (!category || villageId === undefined) throw new Error(`row ${value.row}: unknown category or village`);
      const pointId = startsAtIsolationPoint(category) ? input.defaultPointId : null;
      const startBasis = value.typedBasis ?? (value.dateTyped ? category.startsFrom : 'found');
      return { value, ord, category, villageId, pointId, startBasis, period: computePeriod(category, value.startDate), hash: input.cipher.lookupHash(value.idNumber) };
    });
    const inserted = rowsOf<{ id: number; id_number_hash: string }>(
      await db.execute(sql`
        insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                           start_basis, isolation_point_id, address_enc, address_masked, contact_note_enc, registered_by, registered_in_chat, created_at, updated_at)
        select village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
               start_basis, isolation_point_id, address_enc, address_masked, contact_note_enc, ${input.actorOpenId}, ${input.chatId}, ${input.now.toISOString()}::timestamptz, ${input.now.toISOString()}::timestamptz
        from json_to_recordset(${JSON.stringify(
          chunk.map((c) => ({
            ord: c.ord,
            village_id: c.villageId,
            ...sealedColumns(input.cipher, c.value),
            id_number_enc: input.cipher.encrypt(c.value.idNumber),
            id_number_hash: c.hash,
            phone_enc: input.cipher.encrypt(c.value.phone),
            sex: c.value.sex,
            category: c.category.code,
            start_date: c.period.startDate,
            end_date: c.period.endDate,
            start_basis: c.startBasis,
            isolation_point_id: c.pointId,
          })),
        )}::json) as x(ord int, village_id int, name_enc text, name_masked text, name_hash text, id_number_enc text, id_number_hash text,
                       phone_enc text, sex text, category text, start_date date, end_date date, start_basis text, isolation_point_id int,
                       address_enc text, address_masked text, contact_note_enc text)
        order by ord
        on conflict (id_number_hash) where status = 'active' do nothing
        returning id, id_number_hash`),
    );
    const idByHash = new Map(inserted.map((r) => [r.id_number_hash, Number(r.id)]));
    const missing = chunk.filter((c) => !idByHash.has(c.hash));
    if (missing.length > 0) {
      const existing = await activeCaseIdsByHash(db, missing.map((c) => c.hash));
      for (const c of missing) duplicates.push({ row: c.value.row, caseId: existing.get(c.hash) ?? 0 });
    }

    const audits: unknown[] = [];
    for (const c of chunk) {
      const caseId = idByHash.get(c.hash);
      if (caseId === undefined) continue;
      created.push({ row: c.value.row, caseId });
      // As for a single registration (registerCase); every person of a category and start date shares the plan.
      const key = `${c.category.code}|${c.period.startDate}`;
      let plan = plans.get(key);
      if (!plan) {
        plan = importPlan({ category: c.category, startDate: c.period.startDate, policy: input.policy, timeZone: input.timeZone, today: input.today });
        plans.set(key, plan);
      }
      for (const { status, ...p } of plan) {
        pendingDuties.push({
          case_id: caseId,
          village_id: c.villageId,
          point_id: p.managedAt === 'isolation_point' ? c.pointId : null,
          kind: p.kind,
          day: p.day,
          due_date: p.dueDate,
          slot: p.slot,
          phase: p.phase,
          window_start: p.windowStart.toISOString(),
          window_end: p.windowEnd.toISOString(),
          status,
        });
      }
      if (pendingDuties.length >= DUTIES_PER_STATEMENT) {
        await insertDutyRows(db, pendingDuties);
        pendingDuties = [];
      }
      audits.push({
        case_id: caseId,
        after: {
          name: maskName(c.value.name),
          idNumber: maskIdNumber(c.value.idNumber),
          phone: maskPhone(c.value.phone),
          category: c.category.code,
          village: c.value.village,
          startDate: c.period.startDate,
          endDate: c.period.endDate,
          importId: input.importId,
        },
      });
    }
    if (audits.length > 0) {
      await db.execute(sql`
        insert into audit_log (at, actor_open_id, chat_id, action, case_id, after)
        select ${input.now.toISOString()}::timestamptz, ${input.actorOpenId}, ${input.chatId}, 'case.register', case_id, after
        from json_to_recordset(${JSON.stringify(audits)}::json) as x(case_id int, after jsonb)`);
    }
  }
  if (pendingDuties.length > 0) await insertDutyRows(db, pendingDuties);
  // A file names no team: each imported case starts with its village's standing team (/包保 默认).
  if (created.length > 0) {
    await db.execute(sql`
      insert into case_team_members (case_id, part, open_id, added_by, added_at)
      select c.id, d.part, d.open_id, ${input.actorOpenId}, ${input.now.toISOString()}::timestamptz
      from cases c join village_team_defaults d on d.village_id = c.village_id
      where c.id in (select jsonb_array_elements_text(${JSON.stringify(created.map((c) => c.caseId))}::jsonb)::int)
      on conflict do nothing`);
  }
  // Start notices as for registerCase, batched: one file per recipient, village and kind.
  await sendNotices(db, { caseIds: created.map((c) => c.caseId), moment: 'start', recipients: teamHandover(input.policy) }, input);
  return { created, duplicates };
}

async function insertDutyRows(db: Database, rows: unknown[]): Promise<void> {
  await db.execute(sql`
    insert into duties (case_id, village_id, point_id, kind, day, due_date, slot, phase, window_start, window_end, status)
    select case_id, village_id, point_id, kind, day, due_date, slot, phase, window_start, window_end, status
    from json_to_recordset(${JSON.stringify(rows)}::json) as x(case_id int, village_id int, point_id int, kind text, day int, due_date date, slot text,
                                                              phase text, window_start timestamptz, window_end timestamptz, status text)`);
}

/**
 * The duties of an imported case: work from today on, the test days before today as 未检 and a
 * make-up of the latest of them on today's card unless a test is due today (registerCase does
 * the same for one person).
 */
function importPlan(input: { category: Category; startDate: IsoDate; policy: Policy; timeZone: string; today: IsoDate }): (PlannedDuty & { status: 'pending' | 'not_done' })[] {
  const planned = planDuties(input);
  const add = replanDuties({ existing: [], planned, today: input.today }).add;
  const past = pastTestDays(planned, input.today);
  const latest = past[past.length - 1];
  const testToday = add.some((p) => p.kind === 'test' && p.dueDate === input.today);
  return [
    ...add.map((p) => ({ ...p, status: 'pending' as const })),
    ...past.map((p) => ({ ...p, status: 'not_done' as const })),
    ...(latest && !testToday ? [{ ...planMakeup({ original: latest, today: input.today, policy: input.policy, timeZone: input.timeZone }), status: 'pending' as const }] : []),
  ];
}

/** Case numbers of the people (by ID hash) under management now. */
export async function activeCaseIdsByHash(db: Database, hashes: string[]): Promise<Map<string, number>> {
  if (hashes.length === 0) return new Map();
  const rows = rowsOf<{ id: number; id_number_hash: string }>(
    await db.execute(sql`
      select id, id_number_hash from cases
      where status = 'active' and id_number_hash in (select jsonb_array_elements_text(${JSON.stringify(hashes)}::jsonb))`),
  );
  return new Map(rows.map((r) => [r.id_number_hash, Number(r.id)]));
}

function sealedColumns(cipher: DataCipher, value: { name: string; address: string | null; contactNote: string | null }) {
  const p = sealPerson(cipher, value);
  return { name_enc: p.nameEnc, name_masked: p.nameMasked, name_hash: p.nameHash, address_enc: p.addressEnc, address_masked: p.addressMasked, contact_note_enc: p.contactNoteEnc };
}
