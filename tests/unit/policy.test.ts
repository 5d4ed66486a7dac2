import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_POLICY_PATH, categoryNames, findCategory, loadPolicy, parsePolicy, releaseRuleOf, totalDays } from '../../src/domain/policy';

const dir = mkdtempSync(join(tmpdir(), 'homewatch-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeTemp(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const policy = loadPolicy();

describe('default policy', () => {
  it('loads the shipped file with every category of the plan', () => {
    expect(categoryNames(policy)).toEqual([
      '居家隔离',
      '居家隔离观察',
      '集中隔离',
      '入境',
      '高风险岗位',
      '出院随访',
      '三天三检',
      '三天两检',
      '其他来返',
      '密接',
      '次密接',
    ]);
    expect(policy.thresholds.feverCelsius).toBe(37.3);
    expect(policy.tempSlots.map((s) => s.key)).toEqual(['am', 'pm']);
    expect(policy.taskforces).toHaveLength(13);
  });

  it('sends close contacts to central isolation by a transfer on the 8-hour clock (001 篇二 §26, §30)', () => {
    const contact = findCategory(policy, '密切接触者')!;
    expect([contact.code, totalDays(contact), contact.phases[0]!.testDays, contact.phases[0]!.managedAt, contact.transferOnRegister]).toEqual(['close_contact', 7, [1, 2, 3, 5, 7], 'isolation_point', true]);
    expect(releaseRuleOf(contact)).toEqual({ after: 'period_end', needs: 'all_negative' });
    const secondary = findCategory(policy, '次密')!;
    expect([secondary.code, secondary.phases[0]!.managedAt, secondary.transferOnRegister]).toEqual(['secondary_contact', 'isolation_point', true]);
    expect(findCategory(policy, '居家隔离')!.transferOnRegister).toBe(false);
    expect(policy.transfers).toEqual({ limitHours: 8, warnAtHours: [6, 8] });
  });

  it('refuses a transfer on registration for a category spent in the village, and warning hours out of order', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories[0].transferOnRegister = true;
    data.transfers = { limitHours: 8, warnAtHours: [8, 6] };
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.transferOnRegister: category home_isolation's first phase is not managed at an isolation point/);
    expect(() => parsePolicy(data, 'x')).toThrow(/transfers\.warnAtHours\.1: warning hours must be increasing/);
  });

  it('carries the period and test days of the plans', () => {
    const days = (word: string) => {
      const c = findCategory(policy, word)!;
      return { total: totalDays(c), tests: c.phases.map((p) => p.testDays) };
    };
    expect(days('居家隔离')).toEqual({ total: 7, tests: [[1, 4, 7]] });
    expect(days('居家隔离观察')).toEqual({ total: 14, tests: [[1, 7, 14]] });
    expect(days('集中隔离')).toEqual({ total: 7, tests: [[1, 2, 3, 5, 7]] });
    expect(days('入境')).toEqual({ total: 10, tests: [[1, 2, 3, 5, 7], [3]] });
    expect(days('高风险岗位')).toEqual({ total: 7, tests: [[1, 4, 7]] });
    expect(days('出院随访')).toEqual({ total: 7, tests: [[3, 7]] });
    expect(days('三天三检')).toEqual({ total: 3, tests: [[1, 2, 3]] });
    expect(days('三天两检')).toEqual({ total: 3, tests: [[1, 3]] });
    expect(days('其他来返')).toEqual({ total: 1, tests: [[1]] });
    expect(findCategory(policy, '入境')!.release).toEqual({ after: 'period_end', needs: 'final_negative' });
    expect(findCategory(policy, '其他来返')!.kind).toBe('ledger');
    expect(findCategory(policy, '三天三检')!.rollCallsPerDay).toBe(3);
  });

  it('carries the duty windows and roll-call slots', () => {
    expect(policy.testWindow).toEqual({ from: '08:00', to: '12:00' });
    expect(policy.visitWindow).toEqual({ from: '08:00', to: '18:00' });
    expect(policy.rollCallSlots.map((s) => [s.key, s.from, s.to])).toEqual([
      ['morning', '08:00', '10:00'],
      ['noon', '12:00', '14:00'],
      ['evening', '18:00', '20:00'],
    ]);
  });

  it('is also valid when given as JSON', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    const path = writeTemp('policy.json', JSON.stringify(data));
    expect(loadPolicy(path)).toEqual(policy);
  });
});

describe('findCategory', () => {
  it.each([
    ['居家', 'home_isolation'],
    ['居家隔离', 'home_isolation'],
    ['HOME_ISOLATION', 'home_isolation'],
    ['3天3检', 'monitor_3t3d'],
    ['３天３检', 'monitor_3t3d'],
    ['三天三检', 'monitor_3t3d'],
    ['3天2检', 'monitor_2t3d'],
    ['集中', 'central_isolation'],
    ['境外', 'inbound'],
    ['出舱', 'discharged'],
    ['出院', 'discharged'],
    ['其他来返人员', 'other_arrival'],
    ['来返', 'other_arrival'],
    [' 居家隔离观察 ', 'home_isolation_14d'],
  ])('%s → %s', (word, code) => {
    expect(findCategory(policy, word)?.code).toBe(code);
  });

  it('returns null for unknown words', () => {
    expect(findCategory(policy, '隔离')).toBeNull();
    expect(findCategory(policy, '')).toBeNull();
  });
});

describe('invalid policy files', () => {
  it('lists every invalid field at once', () => {
    const path = writeTemp(
      'bad.yaml',
      `
thresholds: { feverCelsius: "high", recheckWithinHours: 2 }
tempSlots: [ { key: am, label: 上午, from: "7am", to: "11:00" } ]
categories:
  - code: Home Isolation
    name: 居家隔离
    phases:
      - { label: 居家隔离, days: 7, testDays: [1, 8] }
  - code: central
    name: 集中隔离
    aliases: [居家]
    phases: []
`,
    );
    let message = '';
    try {
      loadPolicy(path);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toContain('thresholds.feverCelsius');
    expect(message).toContain('tempSlots.0.from');
    expect(message).toContain('categories.0.code');
    expect(message).toContain('categories.0.phases.0.testDays.1');
    expect(message).toContain('categories.1.phases');
  });

  it('rejects an alias used by two categories', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories[2].aliases.push('居家');
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.2\.aliases\.\d+: "居家" is already used by category home_isolation/);
  });

  it('rejects a name equal to another category alias after full-width normalization', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories[0].aliases.push('３天３检');
    expect(() => parsePolicy(data, 'x')).toThrow(/3天3检|３天３检/);
  });

  it('fills duty windows with defaults when a file leaves them out', () => {
    const minimal = {
      thresholds: { feverCelsius: 37.3, recheckWithinHours: 2 },
      tempSlots: [{ key: 'am', label: '上午', from: '07:00', to: '11:00' }],
      categories: [{ code: 'watch', name: '观察', phases: [{ label: '观察', days: 3, testDays: [1] }] }],
    };
    const a = parsePolicy(minimal);
    expect(a.testWindow).toEqual({ from: '08:00', to: '12:00' });
    expect(a.rollCallSlots).toHaveLength(3);
    a.rollCallSlots[0]!.from = '09:00';
    expect(parsePolicy(minimal).rollCallSlots[0]!.from).toBe('08:00');
  });

  it('rejects more checks or roll calls a day than slots, and duplicate roll-call keys', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories[0].phases[0].tempChecksPerDay = 3;
    data.categories[6].rollCallsPerDay = 5;
    data.rollCallSlots.push({ key: 'noon', label: '午间', from: '12:30', to: '13:00' });
    let message = '';
    try {
      parsePolicy(data, 'x');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('categories.0.phases.0.tempChecksPerDay: 3 checks a day but only 2 tempSlots are defined');
    expect(message).toContain('categories.6.rollCallsPerDay: 5 roll calls a day but only 4 rollCallSlots are defined');
    expect(message).toContain('rollCallSlots.3.key: duplicate slot key "noon"');
  });

  it('rejects bad duty windows', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.testWindow = { from: '12:00', to: '08:00' };
    data.visitWindow = { from: '8:00', to: '18:00' };
    data.rollCallSlots[0].to = '07:00';
    let message = '';
    try {
      parsePolicy(data, 'x');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('testWindow.to: "from" must be before "to"');
    expect(message).toContain('visitWindow.from: expected a time "HH:MM"');
    expect(message).toContain('rollCallSlots.0.to');
  });

  it('stops on release rules that do not add up, naming the category and the field', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories.push(
      { code: 'watch', name: '观察', phases: [{ label: '观察', days: 3, testDays: [] }], release: { after: 'period_end', needs: 'final_negative' } },
      { code: 'note', name: '备案', kind: 'ledger', phases: [{ label: '备案', days: 1, testDays: [] }], release: { after: 'period_end', needs: 'nothing' } },
    );
    const path = writeTemp('bad-release.yaml', JSON.stringify(data));
    let message = '';
    try {
      loadPolicy(path);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`Invalid policy file ${path}`);
    expect(message).toContain('categories.11.release.needs: category watch (观察): needs final_negative but no phase has a test day');
    expect(message).toContain('categories.12.release: category note (备案): a ledger entry is closed by its negative test and has no release step; remove release');
    expect(message).toContain('categories.12.kind: category note (备案): a ledger entry is closed by its negative test, but no phase has a test day');
  });

  it('names the choices of a release rule it cannot read', () => {
    const data = parseYaml(readFileSync(DEFAULT_POLICY_PATH, 'utf8'));
    data.categories[0].release = { after: 'week_after', needs: 'all', when: 'now' };
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.release\.after: Invalid option: expected one of "period_end"\|"day_after_period_end"/);
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.release\.needs: Invalid option: expected one of "nothing"\|"final_negative"\|"all_negative"/);
    expect(() => parsePolicy(data, 'x')).toThrow(/categories\.0\.release: Unrecognized key: "when"/);
  });

  it('reads a category without release rules as released on its last day on no abnormality', () => {
    const minimal = {
      thresholds: { feverCelsius: 37.3, recheckWithinHours: 2 },
      tempSlots: [{ key: 'am', label: '上午', from: '07:00', to: '11:00' }],
      categories: [{ code: 'watch', name: '观察', phases: [{ label: '观察', days: 3, testDays: [] }] }],
    };
    expect(releaseRuleOf(parsePolicy(minimal).categories[0]!)).toEqual({ after: 'period_end', needs: 'nothing' });
  });

  it('reports unparsable files', () => {
    const path = writeTemp('broken.yaml', 'categories: [ { code: a\n');
    expect(() => loadPolicy(path)).toThrow(/Cannot parse policy file/);
  });
});
