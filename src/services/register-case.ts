import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import { insertCase } from '../db/repositories/cases.repository';
import type { Village } from '../db/repositories/villages.repository';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import { computePeriod, type Period } from '../domain/period';
import type { Category, Policy } from '../domain/policy';
import type { IsoDate } from '../domain/dates';
import { planDuties, replanDuties } from '../domain/duties';
import { insertDuties } from '../db/repositories/duties.repository';
import type { RegisterValue } from '../domain/register-args';
import type { DataCipher } from '../shared/data-cipher';
import { sealPerson } from '../db/sealed-person';

export type RegisterOutcome = { kind: 'created'; id: number; period: Period } | { kind: 'duplicate'; id: number };

/**
 * Stores a validated registration with its ID number and phone encrypted, and audits it.
 * The same person already under management yields the existing case, nothing new.
 */
export async function registerCase(
  db: Database,
  input: {
    value: RegisterValue;
    category: Category;
    village: Village;
    cipher: DataCipher;
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
    ...sealPerson(cipher, { name: value.name, address: value.address }),
    idNumberEnc: cipher.encrypt(value.idNumber),
    idNumberHash: cipher.lookupHash(value.idNumber),
    phoneEnc: cipher.encrypt(value.phone),
    sex: value.sex,
    category: category.code,
    startDate: period.startDate,
    endDate: period.endDate,
    registeredBy: input.actorOpenId,
    registeredInChat: input.chatId,
    createdAt: input.now,
  });
  if ('duplicateOf' in result) return { kind: 'duplicate', id: result.duplicateOf };
  // Work from today on: days before registration are history nobody can still do.
  const planned = planDuties({ category, startDate: period.startDate, policy: input.policy, timeZone: input.timeZone });
  const { add } = replanDuties({ existing: [], planned, today: input.today });
  await insertDuties(db, { caseId: result.id, villageId: village.id, planned: add });
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
      endDate: period.endDate,
    },
  });
  return { kind: 'created', id: result.id, period };
}
