import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/domain/id-number';
import { loadPolicy } from '../../src/domain/policy';
import { splitArgs } from '../../src/domain/field-readers';
import { parseRegisterArgs } from '../../src/domain/register-args';
import { caseText, formatDate } from '../../src/messages/cases';
import { renderRegisterErrors } from '../../src/messages/register';

const policy = loadPolicy();
const today = '2026-11-23';
const id = (birth: string) => `110105${birth}123` + idCheckChar(`110105${birth}123`);
const parse = (text: string) => parseRegisterArgs({ tokens: splitArgs(text), today, policy, villageNames: ['东风村'], boundVillage: '东风村' });
const errors = (text: string) => {
  const r = parse(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};

/** Issue 11, finding 10: limits on what a registration may say. */
describe('registration limits', () => {
  it('refuses a date before the birth date on the ID number, and says which birth date', () => {
    const e = errors(`王小明 ${id('20260101')} 13812345678 居家隔离 2025-12-31`);
    expect(e).toEqual([{ field: 'date', code: 'before_birth', value: '2025-12-31', birthDate: '2026-01-01' }]);
    expect(renderRegisterErrors(e)).toContain('早于身份证上的出生日期（2026-01-01）');
  });

  it('refuses a date more than the policy’s days ago, accepts one within; 0001-01-01 is before any birth', () => {
    expect(policy.limits.registerMaxDaysAgo).toBe(60);
    expect(errors(`王小明 ${id('19850317')} 13812345678 居家隔离 0001-01-01`)[0]).toMatchObject({ code: 'before_birth' });
    expect(errors(`王小明 ${id('19850317')} 13812345678 居家隔离 2026-09-23`)).toEqual([{ field: 'date', code: 'too_old', value: '2026-09-23', maxDaysAgo: 60 }]);
    expect(parse(`王小明 ${id('19850317')} 13812345678 居家隔离 2026-09-24`).ok).toBe(true);
  });

  it('refuses an address over the policy’s length, counting characters not bytes', () => {
    const long = '幸福路'.repeat(40);
    const e = errors(`王小明 ${id('19850317')} 13812345678 居家隔离 ${long}`);
    expect(e).toEqual([{ field: 'address', code: 'too_long', length: 120, max: 100 }]);
    expect(renderRegisterErrors(e)).toContain('地址太长（120个字），最多100个字');
    expect(parse(`王小明 ${id('19850317')} 13812345678 居家隔离 ${'幸福路'.repeat(33)}`).ok).toBe(true);
  });
});

describe('dates in another year show the year', () => {
  it('adds the year only when it is not the current one', () => {
    expect(formatDate('2026-11-20', today)).toBe('11月20日');
    expect(formatDate('2025-12-30', today)).toBe('2025年12月30日');
    expect(caseText.period('2025-12-30', '2026-01-05', '2026-01-02')).toBe('管控期：2025年12月30日 – 1月5日（2025年12月30日为第1天）');
  });
});
