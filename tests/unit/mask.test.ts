import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, scrubText } from '../../src/domain/mask';

describe('maskName', () => {
  it('keeps the first character and stars the rest, one per character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('买买提·艾力')).toBe('买*****');
    expect(maskName(' 李 ')).toBe('李');
    expect(maskName('')).toBe('');
  });
});

describe('maskIdNumber / maskPhone', () => {
  it('keeps the region code and last four of an ID', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('11010519491231002x')).toBe('110105********002X');
    expect(maskIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe('110105********002X');
  });

  it('hides a malformed ID completely', () => {
    expect(maskIdNumber('1101051949123100')).toBe('****************');
  });

  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('１３８１２３４５６７８')).toBe('138****5678');
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('scrubText', () => {
  it('masks IDs and phones inside text, leaving the rest alone', () => {
    expect(scrubText('登记 张三 11010519491231002X 13812345678 居家隔离')).toBe(
      '登记 张三 110105********002X 138****5678 居家隔离',
    );
    expect(scrubText('id=11010519491231002x,tel:13812345678.')).toBe('id=110105********002X,tel:138****5678.');
  });

  it('masks full-width, hyphenated and +86 forms', () => {
    expect(scrubText('身份证１１０１０５１９４９１２３１００２Ｘ')).toBe('身份证110105********002X');
    expect(scrubText('电话 138-1234-5678 或 138 1234 5678')).toBe('电话 138****5678 或 138****5678');
    expect(scrubText('+8613812345678')).toBe('+86138****5678');
  });

  it('masks adjacent ID and phone separately', () => {
    expect(scrubText('11010519491231002X13812345678')).toBe('110105********002X138****5678');
  });

  it('masks IDs inside JSON strings without breaking the JSON', () => {
    const json = JSON.stringify({ text: '/登记 张三 11010519491231002X 13812345678' });
    const scrubbed = scrubText(json);
    expect(JSON.parse(scrubbed)).toEqual({ text: '/登记 张三 110105********002X 138****5678' });
  });

  it('leaves digit runs that are not an ID or a phone by shape, including longer ones', () => {
    const text = 'order 123456789012345678901 ts 1763900000000 code 23812345678 seq 1234567890123456789 date 20261123';
    expect(scrubText(text)).toBe(text);
    // 17 digits of an ID inside a longer run are not taken for an ID.
    expect(scrubText('x110105194912310021234y')).toBe('x110105194912310021234y');
    // Nor is a phone inside a longer run.
    expect(scrubText('9913812345678')).toBe('9913812345678');
  });
});

describe('scrubText: numbers typed in groups or with hidden characters (issue 11, finding 9)', () => {
  it('masks an ID typed in its 6-8-4 groups', () => {
    expect(scrubText('身份证 110105 19850317 1231 已核')).toBe('身份证 110105********1231 已核');
    expect(scrubText('110105-19850317-123X')).toBe('110105********123X');
  });

  it('masks phones split by a zero-width character, dots or a space', () => {
    expect(scrubText('电话1381234\u200B5678')).toBe('电话138****5678');
    expect(scrubText('电话1381234\u20605678，1381234\uFEFF5678')).toBe('电话138****5678，138****5678');
    expect(scrubText('138.1234.5678')).toBe('138****5678');
    expect(scrubText('手机 1381234 5678 联系')).toBe('手机 138****5678 联系');
    expect(scrubText('+86 138 1234 5678')).toBe('+86138****5678');
  });

  it('finds the number inside a longer chain of groups without taking part of a group', () => {
    expect(scrubText('2026 11 23 13812345678')).toBe('2026 11 23 138****5678');
    expect(scrubText('第3组 138 1234 5678 1')).toBe('第3组 138****5678 1');
  });

  it('leaves dates, temperatures and short numbers alone', () => {
    const text = '2026.11.23 体温 37.5 第 3 天 12 345 6789';
    expect(scrubText(text)).toBe(text);
  });

  it('masks an ID and a phone typed one after the other with spaces', () => {
    expect(scrubText('/上报 新增返乡 王小明 110105198503171231 13812345678')).toBe('/上报 新增返乡 王小明 110105********1231 138****5678');
  });
});
