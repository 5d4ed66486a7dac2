import { describe, expect, it } from 'vitest';
import { caseCategory, requiredStatus, startDateAfterChange } from '../../src/domain/lifecycle';
import {
  pageNumber,
  parseChangeArgs,
  parseCloseArgs,
  parseEditArgs,
  parseExtendArgs,
  parseListArgs,
  parseReleaseArgs,
  parseReturnArgs,
  parseTransferArgs,
} from '../../src/domain/lifecycle-args';
import { computePeriod } from '../../src/domain/period';
import { findCategory, loadPolicy } from '../../src/domain/policy';

const policy = loadPolicy();
const category = (word: string) => findCategory(policy, word)!;

describe('caseCategory (extensions)', () => {
  it('adds the extension as a last phase with a final test when the category needs a negative one', () => {
    const period = computePeriod(caseCategory(category('集中隔离'), 3, policy), '2026-11-24');
    expect(period.endDate).toBe('2026-12-03');
    expect(period.tests.at(-1)).toEqual({ day: 10, date: '2026-12-03', phase: '延长观察' });
    expect(period.phases.at(-1)).toMatchObject({ label: '延长观察', startDay: 8, endDay: 10 });
  });

  it('ends with a test for final_negative too (it becomes the final test day)', () => {
    const period = computePeriod(caseCategory(category('入境'), 2, policy), '2026-11-01');
    expect(period.tests.at(-1)).toEqual({ day: 12, date: '2026-11-12', phase: '延长观察' });
  });

  it('adds no test for a category whose release needs no negative test, and nothing for zero days', () => {
    const observed = category('居家隔离观察');
    expect(computePeriod(caseCategory(observed, 2, policy), '2026-11-01').tests.map((t) => t.day)).toEqual([1, 7, 14]);
    expect(computePeriod(caseCategory(observed, 2, policy), '2026-11-01').endDate).toBe('2026-11-16');
    expect(caseCategory(observed, 0, policy)).toBe(observed);
  });
});

describe('state rules', () => {
  it('only a transferred case may return; everything else needs an active case', () => {
    expect(requiredStatus('return')).toBe('transferred');
    for (const a of ['release', 'transfer', 'close', 'change', 'extend', 'edit'] as const) expect(requiredStatus(a)).toBe('active');
  });

  it('keeps or restarts the start date on a change of category, as the policy says', () => {
    expect(startDateAfterChange({ startDate: '2026-11-16', today: '2026-11-20', policy })).toBe('2026-11-16');
    const restart = { ...policy, lifecycle: { ...policy.lifecycle, onCategoryChange: 'restart' as const } };
    expect(startDateAfterChange({ startDate: '2026-11-16', today: '2026-11-20', policy: restart })).toBe('2026-11-20');
  });
});

describe('lifecycle arguments', () => {
  it('transfer: destination words, then place and reason', () => {
    expect(parseTransferArgs(['集中', '县隔离点', '密接', '升级'])).toEqual({ ok: true, value: { destination: 'central', place: '县隔离点', reason: '密接 升级' } });
    expect(parseTransferArgs(['定点医院'])).toEqual({ ok: true, value: { destination: 'hospital', place: null, reason: null } });
    expect(parseTransferArgs([])).toMatchObject({ ok: false, error: 'no_destination' });
    expect(parseTransferArgs(['学校'])).toMatchObject({ ok: false, error: 'bad_destination', word: '学校' });
  });

  it('close: reasons from the list (with everyday words), 其他 only with a note', () => {
    expect(parseCloseArgs(['去世'])).toEqual({ ok: true, value: { reason: '死亡', note: null } });
    expect(parseCloseArgs(['登错', '身份证', '重复'])).toEqual({ ok: true, value: { reason: '误登记', note: '身份证 重复' } });
    expect(parseCloseArgs(['其它'])).toMatchObject({ ok: false, error: 'other_needs_note' });
    // Notes are echoed in the group and shown by /记录: a phone typed into one is masked.
    expect(parseCloseArgs(['其他', '已联系家属13812345678'])).toEqual({ ok: true, value: { reason: '其他', note: '已联系家属138****5678' } });
    expect(parseCloseArgs(['出国'])).toMatchObject({ ok: false, error: 'bad_reason', word: '出国' });
  });

  it('extend: whole days (全角 too) within the policy maximum, with a reason', () => {
    const input = { alreadyExtended: 0, policy };
    expect(parseExtendArgs(['３天', '未出结果'], input)).toEqual({ ok: true, value: { days: 3, reason: '未出结果' } });
    expect(parseExtendArgs(['0', '原因'], input)).toMatchObject({ ok: false, error: 'bad_days' });
    expect(parseExtendArgs(['3'], input)).toMatchObject({ ok: false, error: 'no_reason' });
    expect(parseExtendArgs(['5', '原因'], { alreadyExtended: 10, policy })).toMatchObject({ ok: false, error: 'too_many_days' });
    expect(parseExtendArgs(['4', '原因'], { alreadyExtended: 10, policy })).toMatchObject({ ok: true });
  });

  it('edit: phone normalised (+86, dashes, spaces), address kept, other fields refused', () => {
    expect(parseEditArgs(['电话', '+86', '139-0000-1234'])).toEqual({ ok: true, value: { field: 'phone', value: '13900001234', note: null } });
    expect(parseEditArgs(['手机', '13900001234（母亲）'])).toEqual({ ok: true, value: { field: 'phone', value: '13900001234', note: '母亲' } });
    expect(parseEditArgs(['手机', '23900001234'])).toMatchObject({ ok: false, error: 'bad_phone' });
    expect(parseEditArgs(['住址', '东风村', '三组'])).toEqual({ ok: true, value: { field: 'address', value: '东风村 三组', note: null } });
    expect(parseEditArgs(['姓名', '张三'])).toMatchObject({ ok: false, error: 'bad_field', word: '姓名' });
    expect(parseEditArgs(['手机'])).toMatchObject({ ok: false, error: 'no_value' });
  });

  it('release: nothing, or 强制 with a reason', () => {
    expect(parseReleaseArgs([])).toEqual({ ok: true, value: { force: false } });
    expect(parseReleaseArgs(['强制', '县里', '通知'])).toEqual({ ok: true, value: { force: true, reason: '县里 通知' } });
    expect(parseReleaseArgs(['强制'])).toMatchObject({ ok: false, error: 'force_needs_reason' });
    expect(parseReleaseArgs(['马上'])).toMatchObject({ ok: false, error: 'unexpected' });
  });

  it('change and return: categories by any of their words; return dates not in the future', () => {
    expect(parseChangeArgs(['7+3'], policy)).toMatchObject({ ok: true, value: { category: { code: 'inbound' } } });
    expect(parseChangeArgs([], policy)).toMatchObject({ ok: false, error: 'no_category' });
    const today = '2026-11-23';
    expect(parseReturnArgs([], { policy, today })).toEqual({ ok: true, value: { category: null, startDate: today } });
    expect(parseReturnArgs(['11月20日', '集中'], { policy, today })).toMatchObject({ ok: true, value: { category: { code: 'central_isolation' }, startDate: '2026-11-20' } });
    expect(parseReturnArgs(['11月24日'], { policy, today })).toMatchObject({ ok: false, error: 'future_date' });
    expect(parseReturnArgs(['2月30日'], { policy, today })).toMatchObject({ ok: false, error: 'bad_date' });
  });

  it('list: village, category, status and page in any order', () => {
    const input = { policy, villageNames: ['东风村', '红旗村'] };
    expect(parseListArgs(['第2页', '已转运', '居家', '红旗村'], input)).toMatchObject({
      ok: true,
      value: { village: '红旗村', category: { code: 'home_isolation' }, status: 'transferred', page: 2 },
    });
    expect(parseListArgs([], input)).toEqual({ ok: true, value: { village: null, category: null, status: 'active', page: 1 } });
    expect(parseListArgs(['第0页'], input)).toMatchObject({ ok: false, error: 'bad_page' });
    expect(parseListArgs(['东方红'], input)).toMatchObject({ ok: false, error: 'bad_word', word: '东方红' });
    expect([pageNumber('p3'), pageNumber('3页'), pageNumber('三')]).toEqual([3, 3, null]);
  });
});
