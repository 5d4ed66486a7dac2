import { dayNumber, type Period } from '../domain/period';
import type { Category } from '../domain/policy';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { IsoDate } from '../domain/dates';
import { caseText } from '../messages/cases';
import { buildCard, type Card, plainText } from './card';

export interface CaseCardInput {
  id: number;
  title: 'registered' | 'show';
  name: string;
  idNumber: string;
  phone: string;
  /** 联系人备注: whose phone it is (母亲), as typed with the number. */
  contactNote?: string | null;
  sex: 'male' | 'female';
  age: number;
  category: Category;
  villageName: string;
  address: string | null;
  status: 'active' | 'released' | 'transferred' | 'closed';
  period: Period;
  today: IsoDate;
  /** Whole name, ID, phone and the address: only in a private chat with someone who may act for the village. */
  unmasked?: boolean;
  /** Test days before the registration (未检), on the registration reply. */
  notDoneDays?: number[];
  /** What day 1 is, said on the card when known. */
  startBasis?: 'departure' | 'arrival' | 'found';
  /** The isolation point the person is at. */
  pointName?: string | null;
  /** A category that starts at a point, registered before the township set one up. */
  noPointYet?: boolean;
  /** A close contact registered in the village: the transfer opened for it, in words. */
  transferLine?: string;
  /** The guarantee team, in words (names, masked nothing: names of staff). */
  teamLine?: string;
}

/** A case as a group may see it: name, ID and phone masked, the address left out (unless `unmasked`). */
export function caseCard(c: CaseCardInput): Card {
  const show = (value: string, mask: (v: string) => string) => (c.unmasked ? value : mask(value));
  const lines = [
    caseText.person(show(c.name, maskName), caseText.sex[c.sex], c.age),
    caseText.idNumber(show(c.idNumber, maskIdNumber)),
    caseText.phone(show(c.phone, maskPhone), c.contactNote ?? null),
    caseText.category(c.category.name, c.period.totalDays),
    caseText.village(c.villageName),
    c.unmasked && c.address ? caseText.address(c.address) : '',
    c.startBasis
      ? caseText.periodWithBasis(c.period.startDate, c.period.endDate, caseText.startBasis[c.startBasis], c.today)
      : caseText.period(c.period.startDate, c.period.endDate, c.today),
    c.pointName ? caseText.atPoint(c.pointName) : c.transferLine ? c.transferLine : c.noPointYet ? caseText.noPointYet : '',
    c.teamLine ?? '',
    c.period.phases.length > 1
      ? caseText.phases(c.period.phases.map((p) => ({ label: p.label, start: p.startDate, end: p.endDate })), c.today)
      : '',
    caseText.firstTest(c.period.firstTestDate, c.today),
    caseText.tests(c.period.tests, c.today),
    c.status === 'active' ? caseText.today(dayNumber(c.period.startDate, c.today), c.period.totalDays) : caseText.statusLine(caseText.status[c.status]),
  ].filter(Boolean);
  const phase = c.category.phases[0];
  const elements = [plainText(lines.join('\n'))];
  if (c.notDoneDays?.length) {
    elements.push(plainText(caseText.notDoneOnRegistration(c.id, c.notDoneDays, c.period.endDate < c.today)));
  }
  if (c.title === 'registered') {
    elements.push(
      plainText(
        caseText.duties({
          tempChecksPerDay: phase?.tempChecksPerDay ?? 0,
          rollCallsPerDay: c.category.rollCallsPerDay,
          visitEveryDays: c.category.visitEveryDays,
        }),
      ),
    );
  }
  return buildCard({
    title: c.title === 'registered' ? caseText.registeredTitle(c.id) : caseText.caseTitle(c.id),
    color: c.title === 'registered' ? 'green' : c.status === 'active' ? 'blue' : 'grey',
    elements,
    summary: c.title === 'registered' ? caseText.registeredTitle(c.id) : caseText.caseTitle(c.id),
  });
}
