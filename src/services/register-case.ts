import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { insertCase } from '../db/repositories/cases.repository';
import type { Village } from '../db/repositories/villages.repository';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import { computePeriod, type Period } from '../domain/period';
import type { Category, Policy } from '../domain/policy';
import type { IsoDate } from '../domain/dates';
import { pastTestDays, planDuties, planMakeup, type PlannedDuty, replanDuties } from '../domain/duties';
import { insertDuties } from '../db/repositories/duties.repository';
import type { RegisterValue, StartBasis } from '../domain/register-args';
import type { DataCipher } from '../shared/data-cipher';
import { sealPerson } from '../db/sealed-person';
import { teamHandover } from '../notices/recipients';
import { sendNotices } from '../notices/send-notices';
import type { TeamMember } from '../domain/team';
import { startCaseTeam } from './teams';

export type RegisterOutcome =
  | { kind: 'created'; id: number; period: Period; notDoneDays: number[]; team: TeamMember[]; missingParts: string[] }
  | { kind: 'duplicate'; id: number };

/**
 * Stores a validated registration with its ID number and phone encrypted, audits it, and
 * sends the notice its category gets at the start (src/notices).
 * The same person already under management yields the existing case, nothing new.
 */
export async function registerCase(
  db: Database,
  input: {
    value: RegisterValue;
    category: Category;
    village: Village;
    cipher: DataCipher;
    /** What day 1 is (the typed word, else the category's rule, else the day found). */
    startBasis: StartBasis;
    /** The isolation point of a category that starts at one; null otherwise. */
    pointId: number | null;
    /** The guarantee team named in the registration (@-mentions); the village's standing team fills the rest. */
    team: TeamMember[];
    actorOpenId: string;
    chatId: string;
    policy: Policy;
    timeZone: string;
    today: IsoDate;
    now: Date;
  },
): Promise<RegisterOutcome> {
  const { value, category, village, cipher } = input;
  const period = computePeriod(category, value.startDate);
  const result = await insertCase(db, {
    villageId: village.id,
    ...sealPerson(cipher, { name: value.name, address: value.address, contactNote: value.contactNote }),
    idNumberEnc: cipher.encrypt(value.idNumber),
    idNumberHash: cipher.lookupHash(value.idNumber),
    phoneEnc: cipher.encrypt(value.phone),
    sex: value.sex,
    category: category.code,
    startDate: period.startDate,
    endDate: period.endDate,
    startBasis: input.startBasis,
    isolationPointId: input.pointId,
    registeredBy: input.actorOpenId,
    registeredInChat: input.chatId,
    createdAt: input.now,
  });
  if ('duplicateOf' in result) return { kind: 'duplicate', id: result.duplicateOf };
  const planned = planDuties({ category, startDate: period.startDate, policy: input.policy, timeZone: input.timeZone });
  const { add } = replanDuties({ existing: [], planned, today: input.today });
  await insertDuties(db, { caseId: result.id, villageId: village.id, pointId: input.pointId, planned: add });
  const notDoneDays = await planPastTestDays(db, { caseId: result.id, villageId: village.id, pointId: input.pointId, planned, todaysTests: add, policy: input.policy, timeZone: input.timeZone, today: input.today });
  await writeAudit(db, {
    at: input.now,
    actorOpenId: input.actorOpenId,
    chatId: input.chatId,
    action: 'case.register',
    caseId: result.id,
    after: {
      name: maskName(value.name),
      idNumber: maskIdNumber(value.idNumber),
      phone: maskPhone(value.phone),
      category: category.code,
      village: village.name,
      startDate: period.startDate,
      startBasis: input.startBasis,
      endDate: period.endDate,
      ...(input.pointId === null ? {} : { pointId: input.pointId }),
    },
  });
  const { team, missing } = await startCaseTeam(db, { caseId: result.id, villageId: village.id, named: input.team, category, by: input.actorOpenId, at: input.now });
  await sendNotices(db, { caseIds: [result.id], moment: 'start', recipients: teamHandover(input.policy) }, input);
  return { kind: 'created', id: result.id, period, notDoneDays, team, missingParts: missing };
}

/**
 * A period that started before the registration: its earlier test days are recorded as 未检
 * (not done, nobody's fault) so they show and count as missing for release; the latest of
 * them is offered for a make-up sample on today's card, unless a test is due today anyway.
 * Other work of those days (temperatures, visits) is history nobody can still do.
 */
async function planPastTestDays(
  db: Database,
  input: { caseId: number; villageId: number; pointId: number | null; planned: PlannedDuty[]; todaysTests: PlannedDuty[]; policy: Policy; timeZone: string; today: IsoDate },
): Promise<number[]> {
  const past = pastTestDays(input.planned, input.today);
  if (past.length === 0) return [];
  const ids = await insertDuties(db, { caseId: input.caseId, villageId: input.villageId, pointId: input.pointId, planned: past, status: 'not_done' });
  const testToday = input.todaysTests.some((p) => p.kind === 'test' && p.dueDate === input.today);
  if (!testToday) {
    const makeup = planMakeup({ original: past[past.length - 1]!, today: input.today, policy: input.policy, timeZone: input.timeZone });
    await insertDuties(db, { caseId: input.caseId, villageId: input.villageId, pointId: input.pointId, planned: [makeup], resampleOf: ids[ids.length - 1] });
  }
  return past.map((p) => p.day);
}
