import { describe, expect, it } from 'vitest';
import { findSplitName, isAddressFragment, readAddressPrefix, readPhone, splitArgs } from '../../src/domain/field-readers';

describe('splitArgs keeps bracket groups whole', () => {
  it.each([
    ['13900001111（母亲）', ['13900001111（母亲）']],
    ['13900001111 （母亲）', ['13900001111（母亲）']],
    ['13900001111 (孙丽 母亲) 居家', ['13900001111(孙丽 母亲)', '居家']],
    ['张三，13900001111、居家', ['张三', '13900001111', '居家']],
    ['孙 丽', ['孙', '丽']],
    ['（母亲）', ['（母亲）']],
  ])('%s', (text, tokens) => expect(splitArgs(text)).toEqual(tokens));
});

describe('readPhone', () => {
  it.each([
    ['13900001111', { kind: 'phone', phone: '13900001111', note: null }],
    ['13900001111（母亲）', { kind: 'phone', phone: '13900001111', note: '母亲' }],
    ['13900001111(母亲)', { kind: 'phone', phone: '13900001111', note: '母亲' }],
    ['13900001111【本人】', { kind: 'phone', phone: '13900001111', note: '本人' }],
    ['（母亲）13900001111', { kind: 'phone', phone: '13900001111', note: '母亲' }],
    ['13900001111母亲', { kind: 'phone', phone: '13900001111', note: '母亲' }],
    ['139-0000-1111(孙丽 母亲)', { kind: 'phone', phone: '13900001111', note: '孙丽 母亲' }],
    ['+8613900001111', { kind: 'phone', phone: '13900001111', note: null }],
    ['1390000111（母亲）', { kind: 'bad_phone', digits: 10, note: '母亲' }],
    ['1390000111', { kind: 'bad_phone', digits: 10, note: null }],
    ['23900001111', { kind: 'bad_phone', digits: 11, note: null }],
    ['8456123（家里）', { kind: 'bad_phone', digits: 7, note: '家里' }],
  ])('%s', (word, reading) => expect(readPhone(word)).toEqual(reading));

  it.each(['居家隔离', '11月20日', '110105198005200036', '12号', '13900001111(110105198005200036)'])('%s is not a phone', (word) => {
    expect(readPhone(word)).toBeNull();
  });
});

describe('findSplitName', () => {
  it.each([
    [['孙', '丽'], 0],
    [['王', '建国'], 0],
    [['幸福路8号', '孙', '丽'], 1],
    [['孙', '丽娜', '娜'], 0],
    [['孙'], -1],
    [['居家', '隔离'], -1],
    [['1', '丽'], -1],
  ])('%j → %i', (words, at) => expect(findSplitName(words)).toBe(at));
});

describe('isAddressFragment', () => {
  it.each(['九组', '三组12号', '3组', '十一组5号', '12号', '2单元301', '九组东头'])('%s is an address inside a village', (w) => expect(isAddressFragment(w)).toBe(true));
  it.each(['东风村', '红旗', '张三', '居家隔离', '幸福组长'])('%s is not', (w) => expect(isAddressFragment(w)).toBe(false));
});

describe('readAddressPrefix', () => {
  it.each([
    ['地址:李家湾', '李家湾'],
    ['地址：李家湾', '李家湾'],
    ['住址李家湾', '李家湾'],
    ['地址', null],
    ['李家湾', null],
  ])('%s → %s', (w, address) => expect(readAddressPrefix(w)).toBe(address));
});
