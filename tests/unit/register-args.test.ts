import { describe, expect, it } from 'vitest';
import { validateIdNumber } from '../../src/domain/id-number';
import { loadPolicy } from '../../src/domain/policy';
import { parseRegisterArgs, type RegisterFieldError, type RegisterInput } from '../../src/domain/register-args';
import { splitArgs } from '../../src/domain/field-readers';
import { REGISTER_EXAMPLE_ID, registerExample, renderRegisterErrors } from '../../src/messages/register';

function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}
const makeId = (birth: string, seq = '123') => `110105${birth}${seq}` + checkChar(`110105${birth}${seq}`);
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const policy = loadPolicy();
const villageNames = ['东风村', '红旗村', '幸福社区'];
const today = '2026-11-23';
const ID = makeId('19800520', '003'); // male, born 1980-05-20
const PHONE = '13812345678';

function parse(text: string, over: Partial<RegisterInput> = {}) {
  return parseRegisterArgs({ tokens: splitArgs(text), today, policy, villageNames, boundVillage: '东风村', ...over });
}

function errorsOf(text: string, over: Partial<RegisterInput> = {}): RegisterFieldError[] {
  const r = parse(text, over);
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.value)}`);
  return r.errors;
}

describe('splitArgs', () => {
  it('splits on ASCII and full-width spaces, commas and 、', () => {
    expect(splitArgs(' 张三\u3000110105，138,居家、 11月20日  ')).toEqual(['张三', '110105', '138', '居家', '11月20日']);
    expect(splitArgs('')).toEqual([]);
  });
});

describe('parseRegisterArgs: accepted input', () => {
  it('reads the documented order', () => {
    const r = parse(`张三 ${ID} ${PHONE} 居家隔离 11月20日 幸福路8号`);
    expect(r).toEqual({
      ok: true,
      value: {
        name: '张三',
        idNumber: ID,
        phone: PHONE,
        categoryCode: 'home_isolation',
        startDate: '2026-11-20',
        typedBasis: null,
        dateTyped: true,
        point: null,
        village: '东风村',
        address: '幸福路8号',
        contactNote: null,
        birthDate: '1980-05-20',
        sex: 'male',
      },
    });
  });

  it('forgives a shuffled order and reads fields by shape', () => {
    const r = parse(`3天3检 幸福路 8号 ${PHONE} 11/20 ${ID} 李四`);
    expect(r.ok && r.value).toMatchObject({
      name: '李四',
      idNumber: ID,
      phone: PHONE,
      categoryCode: 'monitor_3t3d',
      startDate: '2026-11-20',
      address: '幸福路 8号',
    });
  });

  it('accepts a name joined with a middle dot and normalizes the dot', () => {
    const a = parse(`买买提·艾力 ${ID} ${PHONE} 居家`);
    expect(a.ok && a.value.name).toBe('买买提·艾力');
    const b = parse(`${ID} 阿卜杜拉.买买提 ${PHONE} 居家`);
    expect(b.ok && b.value.name).toBe('阿卜杜拉·买买提');
  });

  it('accepts full-width digits, x, hyphenated and spaced phones', () => {
    const fwId = ID.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const r = parse(`王五 ${fwId} １３８-１２３４-５６７８ 集中`);
    expect(r.ok && r.value).toMatchObject({ idNumber: ID, phone: PHONE, categoryCode: 'central_isolation' });
    const s = parse(`王五 11010519491231002x 138 1234 5678 集中`);
    expect(s.ok && s.value).toMatchObject({ idNumber: '11010519491231002X', phone: PHONE, sex: 'female' });
  });

  it('defaults the start date to today and the address to null', () => {
    const r = parse(`张三 ${ID} ${PHONE} 居家隔离`);
    expect(r.ok && r.value).toMatchObject({ startDate: today, address: null });
    const y = parse(`张三 ${ID} ${PHONE} 居家隔离 昨天`);
    expect(y.ok && y.value.startDate).toBe('2026-11-22');
  });

  it('accepts the same ID or phone written twice', () => {
    expect(parse(`张三 ${ID} ${PHONE} ${ID} ${PHONE} 居家`).ok).toBe(true);
  });

  it('requires a known village in a township chat and splits "村+address" tokens', () => {
    const r = parse(`张三 ${ID} ${PHONE} 居家 红旗村三组12号`, { boundVillage: null });
    expect(r.ok && r.value).toMatchObject({ village: '红旗村', address: '三组12号' });
    const s = parse(`张三 红旗村 ${ID} ${PHONE} 居家 幸福路8号`, { boundVillage: null });
    expect(s.ok && s.value).toMatchObject({ village: '红旗村', address: '幸福路8号' });
  });

  it('accepts the bound village named explicitly', () => {
    const r = parse(`张三 ${ID} ${PHONE} 居家 东风村`);
    expect(r.ok && r.value.village).toBe('东风村');
  });

  it('prefers a name-shaped word over an address-shaped one for the name', () => {
    const r = parse(`幸福小区 张三 ${ID} ${PHONE} 居家`);
    expect(r.ok && r.value).toMatchObject({ name: '张三', address: '幸福小区' });
  });
});

describe('parseRegisterArgs: errors', () => {
  it('reports every missing field at once', () => {
    expect(errorsOf('', { boundVillage: null })).toEqual([
      { field: 'name', code: 'missing' },
      { field: 'idNumber', code: 'missing' },
      { field: 'phone', code: 'missing' },
      { field: 'category', code: 'missing', valid: policy.categories.map((c) => c.name) },
      { field: 'village', code: 'missing', valid: villageNames },
    ]);
    expect(errorsOf(`张三 幸福路8号`).map((e) => `${e.field}:${e.code}`)).toEqual([
      'idNumber:missing',
      'phone:missing',
      'category:missing',
    ]);
  });

  it('names each kind of bad ID', () => {
    expect(errorsOf(`张三 ${wrongCheck(ID)} ${PHONE} 居家`)).toEqual([{ field: 'idNumber', code: 'checksum' }]);
    expect(errorsOf(`张三 ${ID.slice(0, 17)} ${PHONE} 居家`)).toEqual([{ field: 'idNumber', code: 'length' }]);
    expect(errorsOf(`张三 ${makeId('20270101')} ${PHONE} 居家`)).toEqual([{ field: 'idNumber', code: 'birth_date' }]);
    expect(errorsOf(`张三 ${makeId('19800231')} ${PHONE} 居家`)).toEqual([{ field: 'idNumber', code: 'birth_date' }]);
    expect(errorsOf(`张三 ${ID} ${makeId('19900101')} ${PHONE} 居家`)).toEqual([{ field: 'idNumber', code: 'conflict' }]);
  });

  it('names bad and conflicting phones', () => {
    expect(errorsOf(`张三 ${ID} 1381234567 居家`)).toEqual([{ field: 'phone', code: 'invalid', digits: 10 }]);
    expect(errorsOf(`张三 ${ID} 138123456789 居家`)).toEqual([{ field: 'phone', code: 'invalid', digits: 12 }]);
    expect(errorsOf(`张三 ${ID} 23812345678 居家`)).toEqual([{ field: 'phone', code: 'invalid', digits: 11 }]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 13900001111 居家`)).toEqual([{ field: 'phone', code: 'conflict' }]);
  });

  it('reports an unknown category with the valid names', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家监测 幸福路8号`)).toEqual([
      { field: 'category', code: 'unknown', value: '居家监测', valid: policy.categories.map((c) => c.name) },
    ]);
    // Even when it comes first, a category-looking word is not taken for the name.
    expect(errorsOf(`集中观察 张三 ${ID} ${PHONE}`).map((e) => e.code)).toEqual(['unknown']);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 集中`)).toEqual([
      { field: 'category', code: 'conflict', values: ['居家隔离', '集中隔离'] },
    ]);
  });

  it('rejects future, impossible and conflicting dates', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 11月24日`)).toEqual([
      { field: 'date', code: 'future', value: '11月24日', date: '2026-11-24' },
    ]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 2026-02-30`)).toEqual([{ field: 'date', code: 'invalid', value: '2026-02-30' }]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 11月20日 11月21日`)).toEqual([
      { field: 'date', code: 'conflict', values: ['11月20日', '11月21日'] },
    ]);
  });

  it('suggests the village for a near miss', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 东凤村`, { boundVillage: null })).toEqual([
      { field: 'village', code: 'unknown', value: '东凤村', suggestion: '东风村' },
    ]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 红旗 幸福路8号`, { boundVillage: null })).toEqual([
      { field: 'village', code: 'unknown', value: '红旗', suggestion: '红旗村' },
    ]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 光明村`, { boundVillage: null })).toEqual([
      { field: 'village', code: 'unknown', value: '光明村', suggestion: null },
    ]);
  });

  it('flags an unknown village-looking word even in a bound chat', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 东凤村`)).toEqual([
      { field: 'village', code: 'unknown', value: '东凤村', suggestion: '东风村' },
    ]);
  });

  it('refuses a different village than the one the chat is bound to', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 红旗村`)).toEqual([
      { field: 'village', code: 'not_bound', value: '红旗村', bound: '东风村' },
    ]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 红旗村 东风村`, { boundVillage: null })).toEqual([
      { field: 'village', code: 'conflict', values: ['红旗村', '东风村'] },
    ]);
  });

  it('collects errors from several fields together', () => {
    const errors = errorsOf(`${wrongCheck(ID)} 1381234567 居家监测 12月1日`, { boundVillage: null });
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:missing',
      'idNumber:checksum',
      'phone:invalid',
      'category:unknown',
      'date:future',
      'village:missing',
    ]);
  });
});

describe('renderRegisterErrors', () => {
  it('uses an example whose ID is valid and which itself parses', () => {
    expect(REGISTER_EXAMPLE_ID).toBe(REGISTER_EXAMPLE_ID.slice(0, 17) + checkChar(REGISTER_EXAMPLE_ID.slice(0, 17)));
    expect(validateIdNumber(REGISTER_EXAMPLE_ID, today).ok).toBe(true);
    for (const village of [null, '红旗村']) {
      const args = registerExample(village).replace(/^\/登记\s+/, '');
      expect(parse(args, { boundVillage: village ? null : '东风村' }).ok).toBe(true);
    }
  });

  it('renders one reply naming every problem and ending with the example', () => {
    const errors = errorsOf(`张三 ${wrongCheck(ID)} 居家监测 东凤村`, { boundVillage: null });
    const text = renderRegisterErrors(errors, registerExample('东风村'));
    const lines = text.split('\n');
    expect(lines[0]).toBe('登记未成功，请修改后重发：');
    expect(lines).toContain('• 身份证号校验位不对（请核对最后一位）');
    expect(lines).toContain('• 缺少手机号（11位，以1开头）');
    expect(lines.some((l) => l.startsWith('• 类别“居家监测”不存在，可用：居家隔离、居家隔离观察、集中隔离'))).toBe(true);
    expect(lines).toContain('• 村名“东凤村”不在本镇名单，是不是“东风村”？');
    expect(lines.at(-1)).toBe(`示例：/登记 张三 ${REGISTER_EXAMPLE_ID} 13812345678 居家隔离 11月20日 东风村 幸福路8号`);
    expect(lines).toHaveLength(errors.length + 2);
  });

  it('renders every error code to a non-empty line without echoing ID digits', () => {
    const all: RegisterFieldError[] = [
      { field: 'name', code: 'missing' },
      { field: 'name', code: 'unreadable', seen: ['孙'] },
      { field: 'name', code: 'ambiguous', values: ['张三', '李四'] },
      ...(['missing', 'conflict', 'length', 'chars', 'birth_date', 'checksum'] as const).map((code) => ({ field: 'idNumber' as const, code })),
      { field: 'phone', code: 'missing' },
      { field: 'phone', code: 'conflict' },
      { field: 'phone', code: 'invalid', digits: 10 },
      { field: 'category', code: 'missing', valid: ['居家隔离'] },
      { field: 'category', code: 'conflict', values: ['居家隔离', '集中隔离'] },
      { field: 'date', code: 'invalid', value: '2月30日' },
      { field: 'date', code: 'future', value: '明天', date: '2026-11-24' },
      { field: 'date', code: 'conflict', values: ['11月1日', '11月2日'] },
      { field: 'village', code: 'missing', valid: [] },
      { field: 'village', code: 'not_bound', value: '红旗村', bound: '东风村' },
      { field: 'village', code: 'conflict', values: ['红旗村', '东风村'] },
    ];
    const lines = renderRegisterErrors(all, 'EX').split('\n');
    expect(lines).toHaveLength(all.length + 2);
    for (const l of lines.slice(1, -1)) expect(l.length).toBeGreaterThan(4);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('parseRegisterArgs: forgiving, honest readings (issue 15)', () => {
  const ok = (text: string, over: Partial<RegisterInput> = {}) => {
    const r = parse(text, over);
    if (!r.ok) throw new Error(`expected a reading, got ${JSON.stringify(r.errors)}`);
    return r.value;
  };
  it.each([
    // The address fragment that was called an unknown village.
    [`张三 ${ID} ${PHONE} 居家 九组`, { address: '九组', village: '东风村' }],
    [`张三 ${ID} ${PHONE} 居家 三组12号`, { address: '三组12号' }],
    [`张三 ${ID} ${PHONE} 居家 3组 5号`, { address: '3组 5号' }],
    [`张三 ${ID} ${PHONE} 居家 十一组5号`, { address: '十一组5号' }],
    // The phone with a note that was called missing.
    [`张三 ${ID} 13900001111（母亲） 居家`, { phone: '13900001111', contactNote: '母亲' }],
    [`张三 ${ID} 13900001111 （母亲） 居家`, { phone: '13900001111', contactNote: '母亲' }],
    [`张三 ${ID} 13900001111(儿子 张小明) 居家`, { phone: '13900001111', contactNote: '儿子 张小明', name: '张三' }],
    [`张三 ${ID} ${PHONE}本人 居家`, { phone: PHONE, contactNote: '本人' }],
    // The name typed with a space that was called missing.
    [`孙 丽 ${ID} ${PHONE} 居家`, { name: '孙丽', address: null }],
    [`王 建国 ${ID} ${PHONE} 居家 九组`, { name: '王建国', address: '九组' }],
    [`${ID} ${PHONE} 居家 孙 丽`, { name: '孙丽' }],
    // The address comes last: a second name-shaped word there is the address.
    [`张三 ${ID} ${PHONE} 居家 李家湾`, { name: '张三', address: '李家湾' }],
    [`张三 ${ID} ${PHONE} 居家 地址:王庄`, { name: '张三', address: '王庄' }],
    [`地址:王庄 张三 ${ID} ${PHONE} 居家`, { name: '张三', address: '王庄' }],
  ])('%s', (text, value) => expect(ok(text)).toMatchObject(value));

  it('reads 九组 as an address in a township chat too, and then asks only for the village', () => {
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 九组`, { boundVillage: null })).toEqual([{ field: 'village', code: 'missing', valid: villageNames }]);
    expect(ok(`张三 ${ID} ${PHONE} 居家 红旗村 九组`, { boundVillage: null })).toMatchObject({ village: '红旗村', address: '九组' });
  });

  it('asks, naming both readings, when two words could each be the name', () => {
    expect(errorsOf(`张三 李四 ${ID} ${PHONE} 居家`)).toEqual([{ field: 'name', code: 'ambiguous', values: ['张三', '李四'] }]);
    expect(errorsOf(`张三 ${ID} 李四 ${PHONE} 居家 幸福路8号`)).toEqual([{ field: 'name', code: 'ambiguous', values: ['张三', '李四'] }]);
    const reply = renderRegisterErrors(errorsOf(`张三 李四 ${ID} ${PHONE} 居家`));
    expect(reply).toContain('“张三”和“李四”都像姓名');
    expect(reply).toContain('地址:李四');
  });

  it('never says 缺少 for something typed: it says what was read', () => {
    const cases: [string, RegisterFieldError][] = [
      [`孙 ${ID} ${PHONE} 居家`, { field: 'name', code: 'unreadable', seen: ['孙'] }],
      [`张三 ${ID} 8456123 居家`, { field: 'phone', code: 'invalid', digits: 7 }],
      [`张三 ${ID} 1390000111（母亲） 居家`, { field: 'phone', code: 'invalid', digits: 10 }],
    ];
    for (const [text, error] of cases) {
      const errors = errorsOf(text);
      expect(errors).toEqual([error]);
      expect(renderRegisterErrors(errors)).not.toContain('缺少');
    }
  });

  it('keeps the neighbours working: two phones, a phone note and a second number, a village word', () => {
    expect(errorsOf(`张三 ${ID} 13900001111（母亲） ${PHONE} 居家`)).toEqual([{ field: 'phone', code: 'conflict' }]);
    expect(errorsOf(`张三 ${ID} ${PHONE} 居家 东凤村`)).toEqual([{ field: 'village', code: 'unknown', value: '东凤村', suggestion: '东风村' }]);
    expect(ok(`张三 ${ID} ${PHONE} 居家 红旗村三组12号`, { boundVillage: null })).toMatchObject({ village: '红旗村', address: '三组12号' });
  });
});
