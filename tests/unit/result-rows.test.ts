import { describe, expect, it } from 'vitest';
import { resultDoneCard, resultPreviewCard } from '../../src/cards/result-import-card';
import { checkCard } from '../../src/cards/check/check-card';
import { idCheckChar } from '../../src/domain/id-number';
import { type CaseForMatch, countByResult, matchResultRow, recheckMatch, type SampledTest } from '../../src/domain/result-match';
import { findResultHeaderRow, missingResultColumns, validateResultRows } from '../../src/domain/result-rows';
import { readTestResult } from '../../src/domain/result-words';
import { textOf } from '../helpers/cards';

const id = (first17: string) => first17 + idCheckChar(first17);
const ID1 = id('11010519491231002');
const ID2 = id('11010519800101003');
const TODAY = '2026-11-23';

describe('lab result words', () => {
  it('reads the results as labs print them and people type them', () => {
    for (const w of ['阴性', '阴', '阴性(-)', '阴性（-）', ' 阴 性 ', '未检出', '-', 'Negative', 'NEG']) expect(readTestResult(w)).toBe('negative');
    for (const w of ['阳性', '阳性(+)', '阳性（＋）', '检出', '+', 'POS']) expect(readTestResult(w)).toBe('positive');
    for (const w of ['无效', '样本无效', '不合格']) expect(readTestResult(w)).toBe('invalid');
    for (const w of ['混管阳性', '混阳', '混采阳性', '混检阳性']) expect(readTestResult(w)).toBe('pooled_positive');
    for (const w of ['', '弱阳', '待复核', '阴阳']) expect(readTestResult(w)).toBeNull();
  });
});

describe('lab result headers', () => {
  it('finds the header under a title line, with the variants lab systems print, and names missing columns', () => {
    const found = findResultHeaderRow([['某某检测机构报告'], ['序号', '受检者姓名', '证件号码', '采样时间', '检测结果']]);
    expect(found).toEqual({ index: 1, columns: { name: 1, idNumber: 2, sampledOn: 3, result: 4 } });
    expect(missingResultColumns(findResultHeaderRow([['姓名', '身份证', '核酸结果']])!.columns)).toEqual(['sampledOn']);
    expect(findResultHeaderRow([['a', 'b'], ['结果', 'c']])).toBeNull();
  });
});

describe('validateResultRows', () => {
  const columns = { name: 0, idNumber: 1, sampledOn: 2, result: 3 };
  const row = (n: number, cells: string[], lossyColumns?: number[]) => ({ row: n, cells, ...(lossyColumns ? { lossyColumns } : {}) });
  const run = (rows: ReturnType<typeof row>[]) => validateResultRows({ rows, columns, today: TODAY });

  it('reads dates and date-times in the usual forms, keeping only the day', () => {
    const dates = ['2026-11-22', '2026/11/22 08:30:15', '2026-11-22T08:30', '2026-11-22 8:30', '20261122', '11月22日', '2026年11月22日 16:05', '昨天'];
    for (const d of dates) {
      expect(run([row(2, ['张三', ID1, d, '阴性'])]).valid.map((v) => [v.sampledOn, v.result])).toEqual([['2026-11-22', 'negative']]);
    }
  });

  it('reports every problem of every row, skipping blank rows; a person and day listed twice is an error', () => {
    const { valid, errors } = run([
      row(2, ['张三', ID1, '2026-11-22', '阳性']),
      row(3, ['', '', '', '']),
      row(4, ['李4', ID2.slice(0, 17), '2026-02-30', '弱阳']),
      row(5, ['王五', ID1, '2026-11-22 18:00', '阴性']),
      row(6, ['赵六', '110105198001010000', '', ''], [1]),
      row(7, ['钱七', ID2, '2026-11-24', '阴性']),
      row(8, ['孙八', ID1, '2026-11-21', '混阳']),
    ]);
    expect(valid.map((v) => [v.row, v.idNumber, v.sampledOn, v.result])).toEqual([
      [2, ID1, '2026-11-22', 'positive'],
      [8, ID1, '2026-11-21', 'pooled_positive'],
    ]);
    expect(errors.map((e) => [e.row, e.name, e.error])).toEqual([
      [4, '李4', { field: 'name', code: 'invalid' }],
      [4, '李4', { field: 'idNumber', code: 'length' }],
      [4, '李4', { field: 'sampledOn', code: 'invalid', value: '2026-02-30' }],
      [4, '李4', { field: 'result', code: 'unknown', value: '弱阳' }],
      [5, '王五', { field: 'sampledOn', code: 'repeated', firstRow: 2 }],
      [6, '赵六', { field: 'idNumber', code: 'excel_number' }],
      [6, '赵六', { field: 'sampledOn', code: 'missing' }],
      [6, '赵六', { field: 'result', code: 'missing' }],
      [7, '钱七', { field: 'sampledOn', code: 'future', value: '2026-11-24' }],
    ]);
  });
});

describe('matching a lab row', () => {
  const at = (iso: string) => new Date(iso);
  const active: CaseForMatch = { id: 12, status: 'active', nameMatches: true };
  const sampled = (over: Partial<SampledTest> = {}): SampledTest => ({
    id: 100,
    caseId: 12,
    sampledOn: '2026-11-22',
    sampledAt: at('2026-11-22T08:00:00Z'),
    status: 'sampled',
    result: null,
    ...over,
  });
  const row = { sampledOn: '2026-11-22', result: 'negative' as const };

  it('matches the test of that day waiting for its result', () => {
    expect(matchResultRow(row, [active], [sampled()])).toEqual({ kind: 'match', caseId: 12, dutyId: 100 });
    // A resample of the same day waits while the first sample's 无效 stays as recorded.
    const tests = [sampled({ result: 'invalid', status: 'done' }), sampled({ id: 101, sampledAt: at('2026-11-22T10:00:00Z') })];
    expect(matchResultRow(row, [active], tests)).toEqual({ kind: 'match', caseId: 12, dutyId: 101 });
    expect(matchResultRow({ ...row, result: 'invalid' }, [active], tests)).toEqual({ kind: 'recorded', caseId: 12 });
  });

  it('takes the active case of the person, else the latest one', () => {
    const old: CaseForMatch = { id: 3, status: 'released', nameMatches: true };
    expect(matchResultRow(row, [old, active], [sampled()])).toMatchObject({ kind: 'match', caseId: 12 });
    expect(matchResultRow(row, [old, { id: 9, status: 'closed', nameMatches: true }], [])).toEqual({
      kind: 'unmatched',
      reason: { code: 'case_ended', caseId: 9, status: 'closed' },
    });
  });

  it('says why a row is not entered', () => {
    const reason = (cases: CaseForMatch[], tests: SampledTest[]) => {
      const m = matchResultRow(row, cases, tests);
      return m.kind === 'unmatched' ? m.reason : m;
    };
    expect(reason([], [])).toEqual({ code: 'not_managed' });
    expect(reason([{ ...active, nameMatches: false }], [sampled()])).toEqual({ code: 'name_differs', caseId: 12 });
    expect(reason([active], [sampled({ sampledOn: '2026-11-21' })])).toEqual({ code: 'no_sampled_test', caseId: 12, sampledOn: '2026-11-22' });
    expect(reason([active], [sampled({ status: 'cancelled' })])).toEqual({ code: 'no_sampled_test', caseId: 12, sampledOn: '2026-11-22' });
    expect(reason([active], [sampled({ result: 'positive', status: 'abnormal' })])).toEqual({
      code: 'conflict',
      caseId: 12,
      recorded: 'positive',
      inFile: 'negative',
      meanwhile: false,
    });
    expect(matchResultRow(row, [{ ...active, status: 'released' }], [sampled({ result: 'negative', status: 'done' })])).toEqual({ kind: 'recorded', caseId: 12 });
  });

  it('checks a matched test again at 录入', () => {
    const matched = { caseId: 12, sampledOn: '2026-11-22', result: 'positive' as const };
    const waiting = { caseStatus: 'active' as const, status: 'sampled' as const, result: null };
    expect(recheckMatch(matched, waiting)).toEqual({ kind: 'apply', test: waiting });
    expect(recheckMatch(matched, { caseStatus: 'active', status: 'abnormal', result: 'positive' })).toEqual({ kind: 'recorded' });
    expect(recheckMatch(matched, { caseStatus: 'active', status: 'done', result: 'negative' })).toEqual({
      kind: 'unmatched',
      reason: { code: 'conflict', caseId: 12, recorded: 'negative', inFile: 'positive', meanwhile: true },
    });
    expect(recheckMatch(matched, { caseStatus: 'released', status: 'sampled', result: null })).toEqual({
      kind: 'unmatched',
      reason: { code: 'case_ended', caseId: 12, status: 'released' },
    });
    expect(recheckMatch(matched, null)).toMatchObject({ kind: 'unmatched', reason: { code: 'no_sampled_test' } });
  });

  it('counts rows by result', () => {
    expect(countByResult([{ result: 'negative' }, { result: 'positive' }, { result: 'negative' }])).toEqual({ negative: 2, positive: 1 });
  });
});

describe('result import cards', () => {
  const unmatched = Array.from({ length: 3000 }, (_, i) => ({ row: i + 3, name: '欧阳**', field: 'match', message: `#${2_000_000_000 + i} 已录入混管阳性，与文件的阴性不同，未录入` }));
  const recorded = Array.from({ length: 2000 }, (_, i) => ({ row: i + 5000, caseId: 2_000_000_000 + i }));
  const listed = (card: unknown) => textOf(card).split('\n').filter((l) => /^第\d+行（/.test(l)).length;
  const problems = (card: unknown) => checkCard(card).map((v) => `${v.path}: ${v.rule}`);

  it('the preview lists as many unmatched and recorded rows as fit and counts the rest', () => {
    const card = resultPreviewCard({ importId: 2_147_483_647, fileName: `${'结'.repeat(100)}.xlsx`, counts: { negative: 9999, positive: 1, pooled_positive: 2 }, unmatched, recorded });
    expect(problems(card)).toEqual([]);
    const shown = listed(card);
    expect(shown).toBeGreaterThan(0);
    const text = textOf(card);
    expect(text).toContain('可录入 10002 条，未匹配 3000 条');
    expect(text).toContain('其中阴性 9999 条、阳性 1 条、混管阳性 2 条');
    expect(text).toContain(`……另有 ${3000 - shown} 行未列出`);
    expect(text).toContain('录入');
  });

  it('a preview with nothing to enter has no buttons; the result card fits too', () => {
    const empty = resultPreviewCard({ importId: 1, fileName: '结果.xlsx', counts: {}, unmatched: unmatched.slice(0, 2), recorded: [] });
    expect(problems(empty)).toEqual([]);
    expect(textOf(empty)).toContain('没有可以录入的行。');
    expect(JSON.stringify(empty)).not.toContain('import.confirm');
    const done = resultDoneCard({ fileName: '结果.xlsx', counts: { negative: 3 }, meanwhile: { same: 1, different: 2 }, unmatched, recorded });
    expect(problems(done)).toEqual([]);
    expect(textOf(done)).toContain('预览之后有 3 条已被手工录入：结果相同的 1 条未重复录入，结果不同的 2 条未录入（见下）。');
    expect(listed(done)).toBeGreaterThan(0);
  });
});
