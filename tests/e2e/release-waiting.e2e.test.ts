import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailySummary } from '../../jobs/daily-summary';
import { releaseDue } from '../../jobs/release-due';
import { getCase } from '../../src/db/repositories/cases.repository';
import { caseAlerts, cases, duties, releaseRequests } from '../../src/db/schema';
import { addDays } from '../../src/domain/dates';
import type { DutyStatus, TestResult } from '../../src/domain/duties';
import { fireOn } from '../../src/domain/schedule';
import { releaseRefusalsFor } from '../../src/services/release-case';
import { releaseLists } from '../../src/services/release-due';
import { currentCard, textOf } from '../helpers/cards';
import { ADMIN, startTestApp, type TestApp } from '../helpers/test-app';
import { validId, watchGroups } from './group-privacy';

const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-24';
const DONGFENG = 'oc_wait_dongfeng';
const HQ = 'oc_wait_hq';
const CADRE = 'ou_wait_cadre';

/**
 * A hand-made township on 11月24日: people whose periods ended days ago and wait for different
 * reasons, people due today and tomorrow under each category's `after` rule, a ledger entry and
 * a released case that must not count. The daily summary and the release-due card are read
 * against it, and the SQL that judges every case at once is compared with the domain rule.
 */
describe('what waits for release: summary, release-due and the SQL mirror of the rule', () => {
  let t: TestApp;
  const g = watchGroups(() => t);
  const no: Record<string, number> = {};

  type Test = [day: number, status: DutyStatus, result: TestResult | null];
  const negative = (day: number): Test => [day, 'done', 'negative'];
  async function person(name: string, input: { category: string; startDate: string; endDate: string; status?: 'active' | 'released'; tests: Test[] }) {
    const [base] = await t.db.db.select().from(cases).limit(1);
    const [row] = await t.db.db
      .insert(cases)
      .values({ ...base!, id: undefined, nameMasked: `${name[0]}*`, nameHash: `wait-${name}`, idNumberHash: `wait-${name}`, category: input.category, startDate: input.startDate, endDate: input.endDate, status: input.status ?? 'active', extensionDays: 0 })
      .returning({ id: cases.id, villageId: cases.villageId });
    no[name] = row!.id;
    for (const [day, status, result] of input.tests) {
      const dueDate = addDays(input.startDate, day - 1);
      await t.db.db.insert(duties).values({
        caseId: row!.id, villageId: row!.villageId, kind: 'test', day, dueDate, phase: '管控', status, result,
        sampledAt: status === 'pending' || status === 'missed' || status === 'not_done' ? null : new Date(`${dueDate}T09:00:00+08:00`),
        windowStart: new Date(`${dueDate}T08:00:00+08:00`), windowEnd: new Date(`${dueDate}T12:00:00+08:00`),
      });
    }
    return row!;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-20T09:00:00+08:00' });
    await t.say('/村 添加 东风村', { from: ADMIN, chatId: 'oc_p2p_wait_admin', chatType: 'p2p' });
    await g.say('/绑定 村 东风村', { from: ADMIN, chatId: DONGFENG });
    await g.say('/绑定 指挥部', { from: ADMIN, chatId: HQ });
    // One real registration gives the sealed fields the hand-made rows copy; it is closed again.
    expect((await g.say(`/登记 样本 ${validId('11010519491231002')} 13812345678 居家隔离 今天`, { from: CADRE, chatId: DONGFENG })).replies.join()).toContain('已登记');
    await g.say('/关闭 #1 误登记', { from: CADRE, chatId: DONGFENG });

    // Overdue (releasable before today), each waiting for its own reason.
    await person('甲', { category: 'home_isolation', startDate: '2026-11-14', endDate: '2026-11-20', tests: [negative(1), negative(4), [7, 'sampled', null]] });
    const yi = await person('乙', { category: 'home_isolation', startDate: '2026-11-15', endDate: '2026-11-21', tests: [negative(1), negative(4), negative(7)] });
    await t.db.db.insert(caseAlerts).values({ caseId: yi.id, villageId: yi.villageId, kind: 'fever', temperature: 38.2, symptoms: [], openedBy: 'ou_doc', openedAt: new Date('2026-11-21T09:00:00+08:00') });
    await person('丙', { category: 'home_isolation', startDate: '2026-11-16', endDate: '2026-11-22', tests: [negative(1), negative(4), negative(7)] });
    await t.db.db.insert(releaseRequests).values({ caseId: no['丙']!, proposedBy: CADRE, chatId: DONGFENG, proposedAt: new Date('2026-11-22T15:00:00+08:00') });
    // 集中隔离 asks every day: day 5 was never sampled (missed), its make-up invalid.
    await person('丁', { category: 'central_isolation', startDate: '2026-11-16', endDate: '2026-11-22', tests: [negative(1), negative(2), negative(3), [5, 'missed', null], [5, 'done', 'invalid'], negative(7)] });
    // 居家隔离观察 goes from the day after its 14 days, on no abnormality, whatever its tests.
    await person('戊', { category: 'home_isolation_14d', startDate: '2026-11-09', endDate: '2026-11-22', tests: [negative(1), [7, 'missed', null], [14, 'missed', null]] });
    // 入境 asks its final test only: days 1–7 missing do not hold it, day 10 negative.
    await person('己', { category: 'inbound', startDate: '2026-11-12', endDate: '2026-11-21', tests: [[1, 'not_done', null], [2, 'missed', null], negative(10)] });

    // Due today: 居家隔离 on its last day, 居家隔离观察 the day after its last.
    await person('庚', { category: 'home_isolation', startDate: '2026-11-18', endDate: TODAY, tests: [negative(1), negative(4), [7, 'pending', null]] });
    await person('辛', { category: 'home_isolation_14d', startDate: '2026-11-10', endDate: '2026-11-23', tests: [] });
    // Due tomorrow: the same two rules a day later.
    await person('壬', { category: 'home_isolation', startDate: '2026-11-19', endDate: '2026-11-25', tests: [] });
    await person('癸', { category: 'home_isolation_14d', startDate: '2026-11-11', endDate: TODAY, tests: [] });
    // Never counted: a ledger entry (其他来返 is closed by its test, not released) and a released case.
    await person('子', { category: 'other_arrival', startDate: '2026-11-18', endDate: '2026-11-18', tests: [[1, 'missed', null]] });
    await person('丑', { category: 'home_isolation', startDate: '2026-11-10', endDate: '2026-11-16', status: 'released', tests: [] });
    t.clock.now = new Date(`${TODAY}T08:00:00+08:00`);
  });
  afterAll(() => t.close());

  it('the summary counts releases due today and tomorrow under each rule, and the overdue ones with why they wait', async () => {
    const outcome = await t.hw.jobRunner.runFire(dailySummary, fireOn(TODAY, '08:00', TZ), 'schedule');
    await t.settle();
    expect(outcome.result).toMatchObject({ cards: 1 });
    const lines = textOf(currentCard(t.fake.messages.filter((m) => m.receiveId === HQ && m.msgType === 'interactive').at(-1)!)).split('\n');
    const from = lines.findIndex((l) => l.startsWith('到期待解除'));
    expect(lines.slice(from, from + 8)).toEqual([
      '到期待解除：今日 2 人，明日 2 人，逾期未解除 6 人',
      '逾期原因：核酸未出结果 1，缺阴性结果 1，有未处理异常 1，已申请待审批 1，可解除未办理 2',
      // Longest waiting first: by the day each could first be released.
      `#${no['甲']} 甲*（东风村）居家隔离 期满 11月20日 — 核酸第7天未出结果`,
      `#${no['乙']} 乙*（东风村）居家隔离 期满 11月21日 — 有未处理异常`,
      `#${no['己']} 己*（东风村）入境 期满 11月21日 — 可解除，未办理`,
      `#${no['丙']} 丙*（东风村）居家隔离 期满 11月22日 — 已申请，待审批`,
      `#${no['丁']} 丁*（东风村）集中隔离 期满 11月22日 — 核酸第5天无阴性结果`,
      `#${no['戊']} 戊*（东风村）居家隔离观察 期满 11月22日 — 可解除，未办理`,
    ]);
  });

  it('release-due lists every case releasable today, ready or held, the ledger entry and the not-yet-due left out', async () => {
    const outcome = await t.hw.jobRunner.runFire(releaseDue, fireOn(TODAY, '09:00', TZ), 'schedule');
    await t.settle();
    expect(outcome.result).toMatchObject({ due: 8, ready: 4 });
    const text = textOf(currentCard(t.fake.messages.filter((m) => m.receiveId === DONGFENG && m.msgType === 'interactive').at(-1)!));
    for (const name of ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛']) expect(text).toContain(`#${no[name]} ${name}*`);
    for (const name of ['壬', '癸', '子', '丑']) expect(text).not.toContain(`${name}*`);
    expect(text).toContain(`#${no['庚']} 庚* 居家隔离 期满 11月24日 — 核酸第7天无阴性结果`);
  });

  it('the SQL that judges every case at once agrees with the domain rule, case by case, on every day around the ends', async () => {
    const policy = t.hw.policy;
    const active = (await t.db.db.select({ id: cases.id }).from(cases).where(eq(cases.status, 'active'))).map((c) => c.id);
    for (const date of ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', TODAY, '2026-11-25', '2026-11-26']) {
      const { township } = await releaseLists(t.db.db, { date, policy, perList: 100 });
      const bySql = Object.fromEntries(township.first.map((c) => [c.id, c.blockers]));
      const byDomain: Record<number, unknown> = {};
      for (const id of active) {
        const refusals = await releaseRefusalsFor(t.db.db, (await getCase(t.db.db, id))!, { today: date, policy });
        // Listed by the SQL exactly when its period allows a release that day (a ledger entry never).
        if (!refusals.some((r) => r.kind === 'not_ended' || r.kind === 'ledger')) byDomain[id] = refusals;
      }
      expect({ date, cases: bySql }).toEqual({ date, cases: byDomain });
    }
    // The comparison saw every kind of reason, and both rules of `after`.
    const { township } = await releaseLists(t.db.db, { date: '2026-11-26', policy, perList: 100 });
    expect(new Set(township.first.flatMap((c) => c.blockers.map((b) => b.kind)))).toEqual(new Set(['awaiting_result', 'open_alert', 'no_negative']));
    expect(township.first.map((c) => c.releasableFrom)).toContain('2026-11-25');
  });

  it('never posts a full ID number or phone number in any group', () => {
    g.expectNoLeaks();
  });
});
