import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { DEFAULT_POLICY_PATH, findCategory, loadPolicy, parsePolicy } from '../../src/domain/policy';
import { noticeDocument } from '../../src/notices/notice-document';
import { fillPlaceholders, NOTICE_PLACEHOLDERS, type NoticeMoment, noticeFor, type NoticePlaceholder } from '../../src/notices/notice-policy';
import { readDocx } from '../helpers/files';

const policy = loadPolicy();
const shipped = () => parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'homewatch-notices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALUES: Record<NoticePlaceholder, string> = {
  name: '张三',
  idNumber: '110105194912310021',
  category: '居家隔离',
  start: '2026年11月16日',
  end: '2026年11月22日',
  days: '7',
  village: '东风村',
  date: '2026年11月16日',
  township: '东风镇',
};

describe('noticeFor: which notice a category gets when (policy, 004 篇五)', () => {
  it.each([
    ['居家隔离', 'start', 'home_isolation'],
    ['居家隔离', 'release', 'release'],
    ['居家隔离观察', 'start', 'home_isolation'],
    ['居家隔离观察', 'release', 'release'],
    ['集中隔离', 'start', null],
    ['集中隔离', 'release', 'release'],
    ['入境', 'release', 'release'],
    ['高风险岗位', 'release', 'release'],
    ['三天三检', 'start', 'health_management'],
    ['三天三检', 'release', null],
    ['三天两检', 'start', 'health_management'],
    ['三天两检', 'release', null],
    ['出院随访', 'start', null],
    ['出院随访', 'release', null],
    ['其他来返', 'start', null],
    ['其他来返', 'release', null],
  ] as const)('%s at %s → %s', (word, moment: NoticeMoment, kind) => {
    expect(noticeFor(findCategory(policy, word)!, moment)).toBe(kind);
  });

  it('reads one notice, a list, or none', () => {
    const data = shipped();
    data.categories[0].notice = { kind: 'release', at: 'release' };
    delete data.categories[1].notice;
    const p = parsePolicy(data);
    expect(p.categories[0]!.notice).toEqual([{ kind: 'release', at: 'release' }]);
    expect(p.categories[1]!.notice).toEqual([]);
    expect(noticeFor(p.categories[1]!, 'start')).toBeNull();
  });
});

describe('notice wording in the policy', () => {
  it('fills every placeholder and leaves other text alone', () => {
    const text = NOTICE_PLACEHOLDERS.map((p) => `{${p}}`).join('|');
    expect(fillPlaceholders(`${text}（{name}）`, VALUES)).toBe(`${NOTICE_PLACEHOLDERS.map((p) => VALUES[p]).join('|')}（张三）`);
    expect(fillPlaceholders('第1天', VALUES)).toBe('第1天');
  });

  it('uses only known placeholders in the shipped wording, and names the person, ID and period in each notice', () => {
    for (const kind of ['release', 'home_isolation', 'health_management'] as const) {
      const w = policy.notices![kind]!;
      const all = [w.title, w.greeting, ...w.paragraphs, ...w.signature, ...w.receipt].join('\n');
      for (const p of ['name', 'idNumber', 'start', 'end', 'township']) expect(all, `${kind} {${p}}`).toContain(`{${p}}`);
    }
  });

  it('stops the start on an unknown placeholder, naming the field and the valid ones', () => {
    const data = shipped();
    data.notices.release.paragraphs[1] = '{nmae}，请于{date}前到村委会领取';
    data.notices.health_management.signature[0] = '{town}';
    const path = join(dir, 'bad-placeholder.yaml');
    writeFileSync(path, stringify(data));
    let message = '';
    try {
      loadPolicy(path);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toContain('notices.release.paragraphs.1: unknown placeholder {nmae}; a notice may use {name} {idNumber} {category}');
    expect(message).toContain('notices.health_management.signature.0: unknown placeholder {town}');
    expect(message).not.toContain('unknown placeholder {date}');
  });

  it('stops the start when a category names a notice that has no wording', () => {
    const data = shipped();
    delete data.notices.health_management;
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.6\.notice\.0\.kind: category monitor_3t3d gets notice "health_management", which has no wording: add notices\.health_management/);
    delete data.notices;
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.notice\.1\.kind: category home_isolation gets notice "release", which has no wording/);
  });

  it('refuses two notices at the same moment and unknown kinds or moments', () => {
    const data = shipped();
    data.categories[0].notice = [
      { kind: 'home_isolation', at: 'start' },
      { kind: 'health_management', at: 'start' },
    ];
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.notice\.1\.at: two notices at "start"/);
    data.categories[0].notice = { kind: 'welcome', at: 'start' };
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.notice/);
    data.categories[0].notice = { kind: 'release', at: 'end' };
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.notice/);
  });

  it('is valid without any notices (an older policy file)', () => {
    const data = shipped();
    delete data.notices;
    for (const c of data.categories) delete c.notice;
    expect(parsePolicy(data).notices).toBeUndefined();
  });
});

describe('noticeDocument', () => {
  it('writes a Word document with each person on their own page, the wording filled in', async () => {
    const bytes = await noticeDocument({
      section: policy.notices!,
      kind: 'home_isolation',
      people: [VALUES, { ...VALUES, name: '李四', idNumber: '11010519500101003X' }, { ...VALUES, name: '王<五>&', village: '"红旗村"' }],
    });
    const pages = await readDocx(bytes);
    expect(pages).toHaveLength(3);
    expect(pages[0]![0]).toBe('居家隔离告知书');
    expect(pages[0]![1]).toBe('张三（身份证号：110105194912310021）：');
    expect(pages[0]).toContain('根据疫情防控工作要求，您需实行居家隔离，期限7天，自2026年11月16日起至2026年11月22日止。');
    expect(pages[0]).toContain('东风镇疫情防控指挥部');
    expect(pages[1]![1]).toBe('李四（身份证号：11010519500101003X）：');
    // Values are text, never markup.
    expect(pages[2]![1]).toBe('王<五>&（身份证号：110105194912310021）：');
    expect(pages[2]).toContain('"红旗村"');
    expect(pages.flat().join('')).not.toMatch(/[{}]/);
  });
});
