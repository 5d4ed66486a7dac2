import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/domain/audit-actions';
import { loadPolicy } from '../../src/domain/policy';
import { type AuditReading, auditText, describeAuditChange, describeAuditValues, peopleInAudit } from '../../src/messages/audit';
import { cleanName } from '../../src/services/people';

const reading: AuditReading = {
  policy: loadPolicy(),
  person: (openId) => ({ ou_doc: '王医生' })[openId] ?? `用户…${openId.slice(-4)}`,
  village: (id) => ({ 1: '东风村' })[id],
};
const change = (before: unknown, after: unknown, reason: string | null = null) => describeAuditChange({ before, after, reason }, reading);

describe('audit actions', () => {
  it('have a Chinese label each, and no two the same', () => {
    const labels = AUDIT_ACTIONS.map((a) => auditText.action(a));
    expect(labels.every((l) => /^[\u4e00-\u9fff]+$/.test(l))).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
    expect(auditText.action('case.view_full')).toBe('查看完整信息');
  });

  it('shows a code from an older version as stored rather than nothing', () => {
    expect(auditText.action('case.release_forced')).toBe('case.release_forced');
  });
});

describe('describeAuditChange', () => {
  it('shows what changed as before → after, what was set, and the reason; unchanged fields are left out', () => {
    expect(change({ endDate: '2026-11-30', extensionDays: 0, category: 'home_isolation' }, { endDate: '2026-12-03', extensionDays: 3, category: 'home_isolation' }, '第7天核酸未出结果')).toBe(
      '期满：11月30日 → 12月3日；延长天数：0 → 3；原因：第7天核酸未出结果',
    );
    expect(change({ status: 'active' }, { status: 'transferred', destination: '定点医院', place: null, cancelledDuties: 0, closedAlerts: 2 })).toBe(
      '状态：管控中 → 已转运；去向：定点医院；关闭异常：2条',
    );
  });

  it('says what a field was cleared from', () => {
    expect(change({ status: 'transferred', endReason: '定点医院' }, { status: 'active', periodNo: 2 })).toBe('状态：已转运 → 管控中；管控次数：第2次；结束原因：定点医院 → —');
  });

  it('reads a removal (no after) as what was removed', () => {
    expect(change({ openId: 'ou_doc', role: 'doctor', villageId: 1 }, null)).toBe('人员：王医生；角色：村医；村：东风村');
  });

  it('turns codes, dates, temperatures, lists and flags into words, and keeps internal ids out', () => {
    expect(change(null, { dutyId: 7, celsius: 38.25, symptoms: ['咳嗽', '乏力'] })).toBe('体温：38.3℃；症状：咳嗽、乏力');
    expect(change(null, { dutyId: 7, result: 'negative' })).toBe('结果：阴性');
    expect(change(null, { kind: 'fever', temperature: 37.6, symptoms: [] })).toBe('类型：发热；体温：37.6℃');
    expect(change(null, { forced: false })).toBe('');
    expect(change(null, { forced: true })).toBe('强制解除：是');
    expect(change(null, { village: null, masked: false, cases: 3 })).toBe('脱敏：否（含完整身份证号、手机号）；人数：3人');
    expect(change(null, { villageId: 9, date: '2026-11-23', report: 'daily', late: true, note: null })).toBe('村：#9；日期：11月23日；报表：日报；逾期：是');
  });

  it('keeps a field it has no label for, after the known ones, rather than dropping it', () => {
    expect(change(null, { zeta: '甲', status: 'closed', alpha: true })).toBe('状态：已关闭；alpha：是；zeta：甲');
  });
});

describe('describeAuditValues', () => {
  it('lists one side as label：value for the ledger columns, empty for none', () => {
    expect(describeAuditValues({ kind: 'village', villageId: 1, villageName: '东风村' }, reading)).toBe('类型：村；村：东风村');
    expect(describeAuditValues(null, reading)).toBe('');
  });
});

describe('peopleInAudit', () => {
  it('finds the open_ids the values name, on either side', () => {
    expect(peopleInAudit({ before: { openId: 'ou_a', role: 'lead' }, after: { requestedBy: 'ou_b', imported: 3 } })).toEqual(['ou_a', 'ou_b']);
    expect(peopleInAudit({ before: null, after: { status: 'active' } })).toEqual([]);
  });
});

describe('cleanName', () => {
  it('makes a name one line without control characters, bounded, or nothing', () => {
    expect(cleanName(' 李\t村干部\n ')).toBe('李 村干部');
    expect(cleanName('王\u200b医生\ufeff')).toBe('王医生');
    expect(cleanName('\u0000\u200b')).toBeNull();
    expect(cleanName('  ')).toBeNull();
    expect(cleanName(undefined)).toBeNull();
    expect(Array.from(cleanName('𠀀'.repeat(40))!)).toHaveLength(30);
  });
});
