import { describe, expect, it } from 'vitest';
import { pushBatchCard, pushPreviewCard } from '../../src/cards/push-batch-card';
import { checkCard } from '../../src/cards/check/check-card';
import { pushCheckCard, type PushRowView } from '../../src/cards/push-check-card';
import { idCheckChar } from '../../src/domain/id-number';
import { loadPolicy } from '../../src/domain/policy';
import { deadlineOn, reminderDue } from '../../src/domain/push-clock';
import { batchLabel, readPushSheet, villageOf } from '../../src/domain/push-rows';
import { formatDeadline } from '../../src/messages/push-lists';
import { textOf } from '../helpers/cards';

const policy = loadPolicy();
const TZ = 'Asia/Shanghai';
const id = (body17: string) => body17 + idCheckChar(body17);
const VILLAGES = ['东风村', '红旗村', '幸福村'];
const sheet = (rows: string[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('reading a pushed list', () => {
  const header = ['姓名', '身份证号', '联系电话', '人员类型', '涉疫地区', '接触时间', '现住址', '所属村', '推送批次'];
  it('reads each row with the header variants, the type by its synonyms, the village from 村 or the address', () => {
    const read = readPushSheet({
      today: '2026-12-02',
      policy,
      villageNames: VILLAGES,
      rows: sheet([
        ['县指挥部推送'],
        header,
        ['张三', id('11010519800101001'), '13900001111（母亲）', '密切接触者', '某市', '11月30日', '东风村3组', '', '第1批'],
        ['李四', id('11010519800101002'), '', '时空伴随者', '', '', '红旗村8号', '', '第1批'],
        ['王五', id('11010519800101003'), '', '', '', '', '县城小区', '火星村', '第1批'],
        ['', '', '', '', '', '', '', '', ''],
      ]),
    });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.valid.map((r) => [r.row, r.typeLabel, r.categoryCode, r.village, r.phone])).toEqual([
      [3, '密接', 'close_contact', '东风村', '13900001111'],
      [4, '时空伴随', 'monitor_2t3d', '红旗村', null],
      [5, '其他', 'other_arrival', null, null],
    ]);
    expect(read.unknownVillages).toEqual([{ row: 5, value: '火星村' }]);
    expect(read.errors).toEqual([]);
    expect(batchLabel(read.valid, '名单.xlsx')).toBe('第1批');
  });

  it('lists bad IDs, phones, types and repeated people by row, and pushes none of those rows', () => {
    const good = id('11010519800101004');
    const read = readPushSheet({
      today: '2026-12-02',
      policy,
      villageNames: VILLAGES,
      rows: sheet([
        ['姓名', '身份证号', '手机号', '类型'],
        ['赵六', good.slice(0, 17) + (good.endsWith('1') ? '2' : '1'), '', '密接'],
        ['钱七', good, '12345', '外星人'],
        ['孙八', good, '', '密接'],
        ['周九', good, '', '次密接'],
      ]),
    });
    if (!read.ok) throw new Error(read.reason);
    // The first row of a person that can be pushed is the one pushed.
    expect(read.valid.map((r) => [r.row, r.name])).toEqual([[4, '孙八']]);
    expect(read.errors.map((e) => [e.row, e.error.field, e.error.code])).toEqual([
      [2, 'idNumber', 'checksum'],
      [3, 'phone', 'invalid'],
      [3, 'type', 'unknown'],
      [5, 'idNumber', 'repeated'],
    ]);
  });

  it('needs the ID and name columns and at least one row', () => {
    const read = (rows: string[][]) => readPushSheet({ today: '2026-12-02', policy, villageNames: VILLAGES, rows: sheet(rows) });
    expect(read([['a', 'b']])).toEqual({ ok: false, reason: 'no_header' });
    expect(read([['姓名', '手机号']])).toEqual({ ok: false, reason: 'no_id_column' });
    expect(read([['身份证号', '手机号']])).toEqual({ ok: false, reason: 'no_name_column' });
    expect(read([['姓名', '身份证号']])).toEqual({ ok: false, reason: 'no_rows' });
  });

  it.each([
    ['东风村', null, '东风村'],
    ['东风', null, '东风村'],
    ['火星村', '东风村1组', null],
    ['', '东风3组5号', '东风村'],
    ['', '东风村与红旗村交界', null],
    ['', '县城', null],
    ['', null, null],
  ])('village of 村 %j, address %j is %j', (cell, address, expected) => {
    expect(villageOf(cell, address, VILLAGES)).toBe(expected);
  });

  it('names a batch by its 批次 cells when they agree, else by its file', () => {
    const row = (batch: string | null) => ({ batch }) as Parameters<typeof batchLabel>[0][number];
    expect(batchLabel([row('第2批'), row(null)], '推送.xlsx')).toBe('第2批');
    expect(batchLabel([row('第2批'), row('第3批')], '推送.xlsx')).toBe('推送');
  });
});

describe('the clock of a pushed list', () => {
  it('ends the day at 24:00, in the township’s zone', () => {
    expect(deadlineOn('2026-12-02', '24:00', TZ).toISOString()).toBe('2026-12-02T16:00:00.000Z');
    expect(deadlineOn('2026-12-02', '18:00', TZ).toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(formatDeadline(deadlineOn('2026-12-02', '24:00', TZ), TZ)).toBe('12月2日24:00');
    expect(formatDeadline(deadlineOn('2026-12-02', '18:30', TZ), TZ)).toBe('12月2日 18:30');
  });

  it('reminds once per hour mark, the nearest when a start skipped one, never after the deadline', () => {
    const deadline = deadlineOn('2026-12-02', '24:00', TZ);
    const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
    const due = (now: Date, remindedHours: number | null) => reminderDue({ deadline, now, hours: [4, 1], remindedHours });
    expect(due(at('19:59'), null)).toBeNull();
    expect(due(at('20:00'), null)).toBe(4);
    expect(due(at('21:00'), 4)).toBeNull();
    expect(due(at('23:00'), 4)).toBe(1);
    expect(due(at('23:30'), null)).toBe(1);
    expect(due(at('23:30'), 1)).toBeNull();
    expect(due(new Date('2026-12-03T00:00:00+08:00'), null)).toBeNull();
  });
});

const LONG = '东'.repeat(30);
const row = (i: number, over: Partial<PushRowView> = {}): PushRowView => ({
  id: 2_147_483_647 - i, rowNo: 99_999, maskedName: '欧'.padEnd(20, '*'), typeLabel: LONG.slice(0, 10), categoryCode: 'close_contact', area: LONG, time: LONG,
  maskedAddress: `${LONG.slice(0, 3)}${'*'.repeat(97)}`, maskedPhone: '139****1111', status: 'pending', caseId: null, awayReason: null, note: null, decidedAt: null,
  forwardedTo: null, forwardedFrom: LONG.slice(0, 12), ...over,
});
const DEADLINE = deadlineOn('2099-12-31', '24:00', TZ);
const problems = (card: unknown) => checkCard(card).map((v) => `${v.path}: ${v.rule}`);

describe('push-list cards at their largest', () => {
  it('a village’s 待核查 card holds as many rows as fit, with any form open, and says how many are left', () => {
    const rows = Array.from({ length: 300 }, (_, i) => row(i));
    const categories = policy.categories.map((c) => ({ code: c.code, name: c.name }));
    const villages = Array.from({ length: 40 }, (_, i) => `${LONG.slice(0, 10)}${i}`);
    for (const ask of [
      undefined,
      { rowId: rows[0]!.id, form: 'register' as const, categories },
      { rowId: rows[0]!.id, form: 'away' as const, reasons: policy.pushLists.awayReasons },
      { rowId: rows[0]!.id, form: 'managed' as const, caseNo: 2_147_483_647 },
      { rowId: rows[0]!.id, form: 'forward' as const, villages },
    ]) {
      const card = pushCheckCard({ batchId: 1, village: { id: 1, name: LONG.slice(0, 12) }, rows, deadline: DEADLINE, timeZone: TZ, ask });
      expect(problems(card)).toEqual([]);
      expect(textOf(card)).toMatch(/……另有 \d+ 人，先处理上面的/);
    }
  });

  it('says what came of each checked row, green when all are done', () => {
    const at = new Date('2099-12-31T10:00:00+08:00');
    const card = pushCheckCard({
      batchId: 1, village: { id: 1, name: '东风村' }, deadline: DEADLINE, timeZone: TZ,
      rows: [row(0, { status: 'registered', caseId: 12, decidedAt: at, forwardedFrom: null }), row(1, { status: 'away', awayReason: '外出务工', note: '在杭州', decidedAt: at, forwardedFrom: null }), row(2, { forwardedTo: '红旗村', forwardedFrom: null })],
    });
    expect(card.header.template).toBe('green');
    expect(textOf(card)).toContain('核查完成 · 东风村 · 2人');
    expect(textOf(card)).toContain('已登记 #12（12月31日 10:00）');
    expect(textOf(card)).toContain('不在本村：外出务工，在杭州');
    expect(textOf(card)).toContain('已转交红旗村');
  });

  it('the lead’s preview and batch card are accepted at their largest', () => {
    const errors = Array.from({ length: 500 }, (_, i) => ({ row: i + 2, name: '欧*', field: 'idNumber', message: LONG }));
    const managed = Array.from({ length: 500 }, (_, i) => ({ row: i + 600, caseId: 2_147_483_647 - i }));
    const preview = pushPreviewCard({ importId: 1, batch: LONG, pushable: 9999, byVillage: Array.from({ length: 40 }, (_, i) => ({ village: LONG.slice(0, 12) + i, n: 999 })), unassigned: 99, noGroup: Array.from({ length: 40 }, (_, i) => LONG.slice(0, 12) + i), managed, pushedBefore: 99, errors, errorRows: 500, deadline: DEADLINE, timeZone: TZ });
    expect(problems(preview)).toEqual([]);
    const rows = Array.from({ length: 300 }, (_, i) => ({ ...row(i), village: i % 2 ? null : `${LONG.slice(0, 10)}${i % 40}` }));
    const batch = pushBatchCard({ batchId: 1, batch: LONG, deadline: DEADLINE, timeZone: TZ, rows, villageNames: Array.from({ length: 40 }, (_, i) => `${LONG.slice(0, 10)}${i}`) });
    expect(problems(batch)).toEqual([]);
    expect(textOf(batch)).toMatch(/……另有 \d+ 人待选村/);
  });
});
