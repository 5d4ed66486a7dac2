import { describe, expect, it } from 'vitest';
import { alertCard } from '../../src/cards/alert-card';
import { caseCard } from '../../src/cards/case-card';
import { checkCard, withinBudget } from '../../src/cards/check/check-card';
import { testsCard, tempsCard } from '../../src/cards/duty-cards';
import { importCancelledCard, importDoneCard, importExpiredCard, importingCard, importPreviewCard } from '../../src/cards/import-card';
import {
  LARGEST_PAGES, largestDuty, OVERDUE_PAGE_ROWS, RELEASE_PAGE_ROWS, releaseCandidate, ROLLCALL_PAGE_ROWS, TEMPS_PAGE_ROWS, TESTS_PAGE_ROWS, VISITS_PAGE_ROWS,
} from '../../src/cards/page-sizes';
import { REJECT_REASON_MAX_CHARS, releaseRequestCard } from '../../src/cards/release-request-card';
import { SUMMARY_OVERDUE_ROWS } from '../../src/services/daily-summary';
import { summaryCard } from '../../src/cards/summary-card';
import { teamListCard } from '../../src/cards/team-list-card';
import { testProgressCard } from '../../src/cards/test-progress-card';
import { TRANSFER_FIELD_MAX_CHARS, transferCard } from '../../src/cards/transfer-card';
import type { DutyWithCase } from '../../src/db/repositories/duties.repository';
import { symptomChoices } from '../../src/domain/symptoms';
import { computePeriod } from '../../src/domain/period';
import { findCategory, loadPolicy } from '../../src/domain/policy';
import { textOf } from '../helpers/cards';

/** `path: rule` of each violation: [] when Lark accepts the card. */
const problems = (card: unknown) => checkCard(card).map((v) => `${v.path}: ${v.rule}`);

/** A page size is right when every mix fits at that size and some mix does not fit one row more. */
function expectFullPage(builds: ((n: number) => unknown)[], rows: number) {
  expect(rows).toBeGreaterThan(0);
  for (const build of builds) expect(problems(build(rows))).toEqual([]);
  expect(builds.some((build) => !withinBudget(build(rows + 1)))).toBe(true);
}

// A fixed sequence, so a failing mix can be replayed.
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}
const pick = <T,>(next: () => number, xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;

const at = new Date('2026-11-23T09:00:00+08:00');
const TEST_STATES: Partial<DutyWithCase>[] = [
  {},
  { sampledAt: at, status: 'sampled' },
  { sampledAt: at, status: 'sampled', resultOverdueAt: at },
  { status: 'missed' },
  { status: 'not_done' },
  ...(['negative', 'positive', 'invalid', 'pooled_positive'] as const).map((result) => ({ sampledAt: at, result, status: 'done' as const })),
];
const TEMP_STATES: Partial<DutyWithCase>[] = [
  { kind: 'temp', slot: 'am' },
  { kind: 'temp', slot: 'am', status: 'done', temperature: 36.5, symptoms: [] },
  { kind: 'temp', slot: 'am', status: 'abnormal', temperature: 38.2, symptoms: symptomChoices(loadPolicy()) },
  { kind: 'temp', slot: 'am', status: 'missed' },
];
const villageDay = (page: number, pages: number) => ({ place: { kind: 'village' as const, id: 3 }, placeName: '东风村', date: '2026-11-23' as const, page, pages, total: 99, timeZone: 'Asia/Shanghai' });
const mixedRows = (next: () => number, n: number, states: Partial<DutyWithCase>[]) => Array.from({ length: n }, (_, i) => largestDuty(i, pick(next, states)));

describe('今日核酸采样 at full page', () => {
  it(`holds ${TESTS_PAGE_ROWS} rows: the most that fit with every row at its largest, in each mix of states`, () => {
    expectFullPage(LARGEST_PAGES.tests, TESTS_PAGE_ROWS);
  });

  it('is accepted at full page whatever the rows are doing, on the first, a middle and the last page', () => {
    const next = random(16);
    for (let round = 0; round < 40; round++) {
      const [page, pages] = pick(next, [[0, 1], [0, 2], [1, 3], [2, 3]] as const);
      const card = testsCard({ ...villageDay(page, pages), rows: mixedRows(next, TESTS_PAGE_ROWS, TEST_STATES) });
      expect(problems(card)).toEqual([]);
    }
  });
});

describe('今日体温 at full page', () => {
  it(`holds ${TEMPS_PAGE_ROWS} rows: the most that fit with every row a form row at its largest`, () => {
    expectFullPage(LARGEST_PAGES.temps, TEMPS_PAGE_ROWS);
  });

  it('is accepted at full page whatever has been recorded, and lets a row without symptoms submit', () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      const card = tempsCard({ ...villageDay(1, 3), slot: 'am', slotLabel: '上午', symptoms: symptomChoices(loadPolicy()), rows: mixedRows(next, TEMPS_PAGE_ROWS, TEMP_STATES) });
      expect(problems(card)).toEqual([]);
    }
    const card = tempsCard({ ...villageDay(0, 1), slot: 'am', slotLabel: '上午', symptoms: symptomChoices(loadPolicy()), rows: [largestDuty(0, TEMP_STATES[0]!)] });
    expect(JSON.stringify(card)).toContain('"tag":"multi_select_static","name":"s_2147483647","required":false');
  });
});

describe('今日上门 and 点名 at full page', () => {
  it(`今日上门 holds ${VISITS_PAGE_ROWS} rows, also with a reason form open on one`, () => {
    expectFullPage(LARGEST_PAGES.visits, VISITS_PAGE_ROWS);
  });

  it(`点名 holds ${ROLLCALL_PAGE_ROWS} rows with the team members @-mentioned`, () => {
    expectFullPage(LARGEST_PAGES.rollcalls, ROLLCALL_PAGE_ROWS);
  });
});

describe('到期解除 and 逾期未完成 at full page', () => {
  it(`到期解除 holds ${RELEASE_PAGE_ROWS} rows, ready (解除) or held (every reason)`, () => {
    expectFullPage(LARGEST_PAGES.release, RELEASE_PAGE_ROWS);
  });

  it(`逾期未完成 holds ${OVERDUE_PAGE_ROWS} rows with the village's doctors @-mentioned`, () => {
    expectFullPage(LARGEST_PAGES.overdue, OVERDUE_PAGE_ROWS);
  });
});

describe('cards that list what fits', () => {
  it('the 二包一 list holds as many cases as fit and counts the rest', () => {
    const team = '包保：村干部 欧阳村干部；村医 欧阳医生；网格员 欧阳网格员\n⚠ 包保缺：卫生院、民警（用 /包保 #编号 卫生院 @某人 补上）';
    const rows = Array.from({ length: 600 }, (_, i) => ({ id: 100_000 + i, name: '欧阳*', category: '居家隔离观察', day: 14, team, incomplete: i % 2 === 0 }));
    const card = teamListCard({ villageName: '东风村', date: '11月23日', rows });
    expect(problems(card)).toEqual([]);
    const listed = textOf(card).split('\n').filter((l) => /^#\d+ /.test(l)).length;
    expect(listed).toBeGreaterThan(20);
    expect(textOf(card)).toContain(`另有 ${600 - listed} 人未列出`);
  });

  const errors = Array.from({ length: 3000 }, (_, i) => ({ row: i + 2, name: '欧阳**', field: 'village', message: `村“${'红'.repeat(20)}”不存在，可用：${Array.from({ length: 30 }, (_, v) => `第${v}村`).join('、')}` }));
  const duplicates = Array.from({ length: 500 }, (_, i) => ({ row: i + 5000, caseId: 2_000_000_000 + i }));
  const listedRows = (card: unknown) => textOf(card).split('\n').filter((l) => /^第\d+行（/.test(l)).map((l) => Number(/^第(\d+)行/.exec(l)![1]));

  it('the import preview lists as many error rows and duplicates as fit, in order, and counts the rest', () => {
    const card = importPreviewCard({ importId: 2_147_483_647, fileName: `${'名'.repeat(100)}.xlsx`, importable: 42, errors, duplicates });
    expect(problems(card)).toEqual([]);
    const rows = listedRows(card);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(rows.map((_, i) => i + 2));
    expect(textOf(card)).toContain(`……另有 ${3000 - rows.length} 行有错误未列出`);
    expect(textOf(card)).toContain(`等，另有 ${500 - rows.length} 条`);
  });

  it('the import preview of a small file lists everything', () => {
    const card = importPreviewCard({ importId: 1, fileName: '名单.xlsx', importable: 0, errors: errors.slice(0, 3), duplicates: duplicates.slice(0, 2) });
    expect(problems(card)).toEqual([]);
    expect(listedRows(card)).toEqual([2, 3, 4]);
    expect(textOf(card)).not.toContain('另有');
  });

  it('the import result, and the cards while and after deciding, are accepted', () => {
    const done = importDoneCard({ fileName: '名单.xlsx', imported: 2_000_000, range: { first: 1, last: 2_000_000 }, errors, duplicates });
    expect(problems(done)).toEqual([]);
    expect(listedRows(done).length).toBeGreaterThan(0);
    for (const card of [importingCard({ fileName: '名单.xlsx', importable: 42 }), importCancelledCard({ fileName: '名单.xlsx' }), importExpiredCard({ fileName: '名单.xlsx', hours: 24 })]) {
      expect(problems(card)).toEqual([]);
    }
  });

  it('the testing task force progress lists as many villages as fit, then how many more', () => {
    const villages = Array.from({ length: 400 }, (_, i) => ({ placeName: `${'东风'.repeat(10)}${i}村`, due: 99999, sampled: 99999, results: 99999, missed: 99999 }));
    const card = testProgressCard('2026-11-23', villages);
    expect(problems(card)).toEqual([]);
    const listed = textOf(card).split('\n').filter((l) => l.startsWith('东风'));
    expect(listed.length).toBeGreaterThan(0);
    expect(textOf(card)).toContain(`……另有 ${400 - listed.length} 个村未列出。`);
    expect(textOf(testProgressCard('2026-11-23', villages.slice(0, 3)))).not.toContain('另有');
  });
});

describe('one-piece cards at their largest', () => {
  const policy = loadPolicy();

  it('the alert, with its recheck form or its buttons, every doctor and lead @-mentioned', () => {
    const alert = {
      id: 2_147_483_647, caseId: 2_147_483_647, villageId: 1, pointId: null, kind: 'fever' as const, temperature: 41.9, symptoms: symptomChoices(policy),
      openedAt: at, recheckDueAt: at, transferRequestedAt: null, feverClinicAt: null, recheckCelsius: null, recheckAt: null, cardCopies: [], closedAt: null,
    };
    const notify = Array.from({ length: 50 }, (_, i) => `ou_${String(i).padStart(32, '0')}`);
    const base = { alert, maskedName: '欧'.padEnd(20, '*'), villageName: '东'.repeat(30), notify, timeZone: 'Asia/Shanghai', policy };
    expect(problems(alertCard({ ...base, askRecheck: true }))).toEqual([]);
    expect(problems(alertCard({ ...base, recheck: { celsius: 39.5, normal: false, at } }))).toEqual([]);
    expect(problems(alertCard({ ...base, alert: { ...alert, kind: 'positive' } }))).toEqual([]);
    expect(problems(alertCard({ ...base, alert: { ...alert, transferRequestedAt: at, closedAt: at } }))).toEqual([]);
    expect(problems(alertCard({ ...base, alert: { ...alert, feverClinicAt: at, transferRequestedAt: at } }))).toEqual([]);
    expect(problems(alertCard({ ...base, alert: { ...alert, kind: 'pooled_positive' } }))).toEqual([]);
  });

  it('the case card, registered and shown in full to a granted role, with every phase', () => {
    const category = findCategory(policy, '入境')!;
    const input = {
      id: 2_147_483_647, name: '欧阳'.repeat(10), idNumber: '11010519491231002X', phone: '13812345678', sex: 'female' as const, age: 120,
      category, villageName: '东'.repeat(30), address: '幸福路'.repeat(60), status: 'active' as const,
      period: computePeriod(category, '2026-11-20'), today: '2026-11-23' as const,
    };
    expect(problems(caseCard({ ...input, title: 'registered', unmasked: true }))).toEqual([]);
    expect(problems(caseCard({ ...input, title: 'show', status: 'released' }))).toEqual([]);
  });

  it('the daily summary names as many villages as fit in its lists, says how many more, and keeps the 14-day chart', () => {
    const villages = Array.from({ length: 300 }, (_, i) => `${'东风'.repeat(5)}${i}村`);
    const summary = {
      date: '2026-11-23' as const, live: true, asOf: new Date('2026-11-23T00:00:00Z'), timeZone: 'Asia/Shanghai', countsDay: '2026-11-22' as const, active: 99999,
      table: villages.map((village) => ({ village, active: 99999, due: 99999, sampled: 99999, awaiting: 99999, missed: 99999, alerts: 99999 })),
      byCategory: policy.categories.map((c) => ({ name: c.name, n: 99999 })),
      byVillage: villages.map((name) => ({ name, n: 99999 })),
      newYesterday: 99999, releasedYesterday: 99999, testsYesterday: { due: 99999, sampled: 99999, done: 99999, missed: 99999 }, testsToday: 99999, results: { awaiting: 99999, overdue: 99999 },
      openAlerts: 99999,
      transfers: { open: 99999, late: 99999, handedOverYesterday: 99999, limitHours: 99999 },
      releases: {
        dueToday: 99999, dueTomorrow: 99999,
        overdue: {
          total: 99999,
          reasons: { positive: 99999, openAlert: 99999, awaitingResult: 99999, noNegative: 99999, requested: 99999, unclaimed: 99999 },
          first: Array.from({ length: SUMMARY_OVERDUE_ROWS }, (_, i) => releaseCandidate(i, i % 2 === 0)),
        },
      },
      missedReports: Array.from({ length: 5 }, (_, i) => ({ label: `报告${i}`, villages })),
      trend: Array.from({ length: 14 }, (_, i) => ({ date: `2026-11-${String(10 + i).padStart(2, '0')}` as const, n: 99999 })),
    };
    const card = summaryCard(summary);
    expect(problems(card)).toEqual([]);
    const lines = textOf(card).split('\n');
    const byVillage = lines.find((l) => l.startsWith('按村：'))!;
    const named = byVillage.slice('按村：'.length).split('，').filter((v) => v.startsWith('东风'));
    expect(named.length).toBeGreaterThan(0);
    expect(byVillage).toContain(`另有 ${300 - named.length} 个村未列出`);
    expect(lines.filter((l) => l.includes('未按时上报：'))).toHaveLength(5);
    expect(lines.filter((l) => l.includes(' 期满 '))).toHaveLength(SUMMARY_OVERDUE_ROWS);
    expect(lines).toContain(`……另有 ${99999 - SUMMARY_OVERDUE_ROWS} 人逾期未列出，见到期解除卡片。`);
    expect(JSON.stringify(card)).toContain('"tag":"chart"');
    const small = summaryCard({ ...summary, byVillage: summary.byVillage.slice(0, 3), table: summary.table.slice(0, 3), missedReports: [{ label: '报告', villages: villages.slice(0, 2) }] });
    expect(textOf(small)).not.toContain('个村未列出');
  });

  it('the release request to HQ: waiting, asking the reason of 不同意, and decided each way', () => {
    const request = { id: 2_147_483_647, caseId: 2_147_483_647, proposedBy: `ou_${'f'.repeat(32)}`, status: 'pending' as const, decidedBy: null, reason: null };
    const base = { request, maskedName: '欧'.padEnd(20, '*'), village: '东'.repeat(30), category: '居家隔离观察', endDate: '2026-11-23' as const };
    expect(problems(releaseRequestCard(base))).toEqual([]);
    expect(problems(releaseRequestCard({ ...base, askReason: true }))).toEqual([]);
    const decided = { ...request, decidedBy: `ou_${'e'.repeat(32)}`, reason: '因'.repeat(REJECT_REASON_MAX_CHARS) };
    for (const status of ['approved', 'rejected', 'cancelled'] as const) {
      expect(problems(releaseRequestCard({ ...base, request: { ...decided, status }, decidedOn: '2026-11-24', caseStatus: '已转运' }))).toEqual([]);
    }
  });

  it('the transfer card at every step, with each form, the longest typed fields and many points', () => {
    const long = '长'.repeat(TRANSFER_FIELD_MAX_CHARS);
    const at = new Date('2026-11-23T10:00:00+08:00');
    const transfer = {
      id: 2_147_483_647, caseId: 2_147_483_647, destination: 'central' as const, category: 'close_contact', reason: '因'.repeat(100), alertId: null,
      status: 'requested' as const, requestedBy: `ou_${'f'.repeat(32)}`, requestedAt: at, chatId: null,
      vehiclePlate: long, driver: long, escort: long, dispatchedBy: `ou_${'e'.repeat(32)}`, dispatchedAt: at, pickedUpBy: `ou_${'e'.repeat(32)}`, pickedUpAt: at,
      receivingPlace: long, receiver: long, handedOverBy: `ou_${'e'.repeat(32)}`, handedOverAt: at, warnedHours: 8, cardCopies: [],
    };
    const base = { transfer, maskedName: '欧'.padEnd(20, '*'), village: '东'.repeat(30), categoryName: '密接', pointNames: Array.from({ length: 50 }, (_, i) => `隔离点${i}`.padEnd(20, '点')), now: at, timeZone: 'Asia/Shanghai', policy };
    for (const status of ['requested', 'dispatched', 'picked_up', 'handed_over', 'cancelled'] as const) {
      for (const ask of [undefined, 'dispatch', 'handover'] as const) {
        for (const destination of ['central', 'hospital'] as const) {
          expect(problems(transferCard({ ...base, ask, transfer: { ...transfer, status, destination } }))).toEqual([]);
        }
      }
    }
  });
});
