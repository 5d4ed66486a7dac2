import type { DutyWithCase } from '../db/repositories/duties.repository';
import type { IsoDate } from '../domain/dates';
import { RESAMPLE_SLOT } from '../domain/duties';
import type { PlaceOverdue } from '../db/repositories/duty-days.repository';
import { loadPolicy } from '../domain/policy';
import { symptomChoices } from '../domain/symptoms';
import type { ReleaseCandidate } from '../services/release-due';
import { type PlaceDayCard, testsCard, tempsCard } from './duty-cards';
import { mostRowsThatFit } from './fit';
import { overdueCard } from './overdue-card';
import { releaseCard } from './release-card';
import { rollcallCard, visitsCard } from './team-work-cards';

/**
 * How many rows a page of each paged card holds: as many as fit Lark's budget (200 elements,
 * 30 KB) with every row at its largest. A page is read from the database before its rows are
 * known, so the size is fixed in advance, from the card builders themselves. When a row gains
 * a state (a new button), add it to the mixes below: the page must fit for each.
 */
const MOST_ROWS = 500;
// serial ids are int4; names are at most 20 characters (asPersonName); village and slot names get room to spare.
const LARGEST_ID = 2_147_483_647;
const LONGEST_MASKED_NAME = '欧'.padEnd(20, '*');
const LONG_LABEL = '东'.repeat(30);
const LATEST: IsoDate = '2099-12-31';
const A_TIME = new Date('2099-12-31T23:59:00Z');
const POLICY = loadPolicy();

/** Row `i` of a page at its largest, in `state`. */
export function largestDuty(i: number, state: Partial<DutyWithCase>): DutyWithCase {
  return {
    id: LARGEST_ID - i, caseId: LARGEST_ID - i, villageId: LARGEST_ID, pointId: null, kind: 'test', day: 999, dueDate: LATEST,
    slot: RESAMPLE_SLOT, phase: LONG_LABEL, windowStart: A_TIME, windowEnd: A_TIME, status: 'pending',
    sampledAt: null, sampledBy: null, result: null, temperature: null, symptoms: null, completedAt: null, resampleOf: null, resultOverdueAt: null, note: null,
    caseNameMasked: LONGEST_MASKED_NAME, caseStatus: 'active',
    ...state,
  };
}

type DutyState = Partial<DutyWithCase>;
/** A mix of row states: the first rows in `first`, the others in `rest`. */
interface Mix {
  rest: DutyState;
  first?: DutyState[];
}

/** A middle page (both 上一页 and 下一页) of n rows in the states of `mix`. */
function dutyPage(n: number, mix: Mix) {
  const rows = Array.from({ length: n }, (_, i) => largestDuty(i, mix.first?.[i] ?? mix.rest));
  const day: PlaceDayCard = { place: { kind: 'village', id: LARGEST_ID }, placeName: LONG_LABEL, date: LATEST, page: 1, timeZone: 'Asia/Shanghai' };
  return { ...day, rows, total: LARGEST_ID, pages: 3 };
}

const unsampled: DutyState = {};
const sampled: DutyState = { sampledAt: A_TIME, status: 'sampled', resultOverdueAt: A_TIME };
const resulted: DutyState = { sampledAt: A_TIME, result: 'pooled_positive', status: 'abnormal' };
const missed: DutyState = { status: 'not_done' };

/** 「今日核酸采样」: rows awaiting their result (four buttons each), with one not sampled yet (全部已采样 shows), rows to make up. */
const largestTestsPages = [{ rest: sampled }, { rest: sampled, first: [unsampled] }, { rest: unsampled }, { rest: resulted }, { rest: missed, first: [unsampled] }].map(
  (mix) => (n: number) => testsCard(dutyPage(n, mix)),
);
// The default policy's symptoms: a township's own list is checked when the card is tested with it.
const SYMPTOM_CHOICES = symptomChoices(POLICY);

const pending: DutyState = { kind: 'temp', slot: 'am' };
const recorded: DutyState = { kind: 'temp', slot: 'am', status: 'abnormal', temperature: 40.5, symptoms: SYMPTOM_CHOICES };

/** 「今日体温」: form rows (a temperature input and the symptom choices each). */
const largestTempsPages = [{ rest: pending }, { rest: pending, first: [recorded] }, { rest: recorded }].map(
  (mix) => (n: number) => tempsCard({ ...dutyPage(n, mix), slot: 'am', slotLabel: LONG_LABEL, symptoms: SYMPTOM_CHOICES }),
);

/** Row `i` of a release list at its largest: held for every reason (more test days than any period has), or ready. */
export function releaseCandidate(i: number, held: boolean): ReleaseCandidate {
  const days = held ? Array.from({ length: 30 }, (_, d) => d + 1) : [];
  return {
    id: LARGEST_ID - i, maskedName: LONGEST_MASKED_NAME, category: LONG_LABEL, endDate: LATEST, releasableFrom: LATEST, villageId: LARGEST_ID, villageName: LONG_LABEL,
    categoryName: LONG_LABEL, requested: !held,
    facts: { hasPositive: held, openAlerts: held ? 1 : 0, daysAwaitingResult: days, daysWithoutNegative: days },
    blockers: held ? [{ kind: 'positive' }, { kind: 'open_alert' }, { kind: 'awaiting_result', days }, { kind: 'no_negative', days }] : [],
  };
}

/** 「到期解除」 (a village's or the township's): ready rows with 解除, held rows with every reason, and a "more" line. */
const largestReleasePages = [() => false, () => true, (i: number) => i === 0].map((isHeld) => (n: number) => {
  const first = Array.from({ length: n }, (_, i) => releaseCandidate(i, isHeld(i)));
  const held = first.filter((c) => c.blockers.length > 0).length;
  return releaseCard({ where: LONG_LABEL, date: LATEST, showVillage: true, list: { ready: LARGEST_ID, held: LARGEST_ID + held, first } });
});

// A village has few doctors; ten mentions leave room for more.
const DOCTORS = Array.from({ length: 10 }, (_, i) => `ou_${String(i).padStart(32, 'f')}`);
const overdueOf = (n: number, kind: 'test' | 'temp'): PlaceOverdue => ({
  total: LARGEST_ID,
  byKind: { [kind]: LARGEST_ID },
  first: Array.from({ length: n }, (_, i) => ({ id: LARGEST_ID - i, caseId: LARGEST_ID - i, caseNameMasked: LONGEST_MASKED_NAME, kind, day: 999, slot: kind === 'test' ? RESAMPLE_SLOT : 'am', windowStart: A_TIME, windowEnd: A_TIME })),
});

/** 「逾期未完成」: the people to act @-mentioned, a line per duty past its window (a test's with 补采), and a "more" line. */
const largestOverduePages = (['test', 'temp'] as const).map(
  (kind) => (n: number) => overdueCard({ place: { kind: 'point', id: LARGEST_ID }, placeName: LONG_LABEL, date: LATEST, mention: DOCTORS, overdue: overdueOf(n, kind), policy: POLICY, timeZone: 'Asia/Shanghai' }),
);

const visit: DutyState = { kind: 'visit', slot: null };
const visitNotSeen: DutyState = { kind: 'visit', slot: null, status: 'abnormal', completedAt: A_TIME, note: '外出就医已报备'.padEnd(100, '。') };
const rollcall: DutyState = { kind: 'rollcall', slot: 'morning' };

/** 「今日上门」: rows with 已上门 / 未见到, one asking its reason, recorded rows with their note; the team @-mentioned. */
const largestVisitsPages = [{ rest: visit }, { rest: visitNotSeen }, { rest: visit, first: [visitNotSeen] }].map((mix) => (n: number) => {
  const page = dutyPage(n, mix);
  return visitsCard({ ...page, mention: DOCTORS, askReasonFor: page.rows[0]?.id });
});

/** 「早上点名」: rows with 已点名 / 未接通; the team @-mentioned. */
const rollcallMissed: DutyState = { ...rollcall, status: 'abnormal', completedAt: A_TIME, note: '未接通' };
const largestRollcallPages = [{ rest: rollcall }, { rest: rollcallMissed }].map(
  (mix) => (n: number) => rollcallCard({ ...dutyPage(n, mix), slot: 'morning', slotLabel: LONG_LABEL, mention: DOCTORS }),
);

/** Each paged card with n rows, in each mix of row states, every row at its largest (tests check them at full page). */
export const LARGEST_PAGES = { tests: largestTestsPages, temps: largestTempsPages, release: largestReleasePages, overdue: largestOverduePages, visits: largestVisitsPages, rollcalls: largestRollcallPages };

export const TESTS_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.tests);
export const TEMPS_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.temps);
export const RELEASE_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.release);
export const OVERDUE_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.overdue);
export const VISITS_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.visits);
export const ROLLCALL_PAGE_ROWS = mostRowsThatFit(MOST_ROWS, ...LARGEST_PAGES.rollcalls);
