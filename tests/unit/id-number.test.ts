import { describe, expect, it } from 'vitest';
import { ageOn, idCheckChar, looksLikeIdNumber, normalizeIdNumber, validateIdNumber } from '../../src/domain/id-number';

/** Independent GB 11643 check: weight of position i is 2^(17-i) mod 11. */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11]!;
}

/** A valid ID for a region, birth date (YYYYMMDD) and 3-digit sequence. */
function makeId(birth: string, seq = '123', region = '110105'): string {
  const first17 = region + birth + seq;
  return first17 + checkChar(first17);
}

/** The same ID with its check character replaced by a different, wrong one. */
function withWrongCheck(id: string): string {
  const right = id[17]!;
  const wrong = '10X98765432'.split('').find((c) => c !== right)!;
  return id.slice(0, 17) + wrong;
}

const today = '2026-11-23';

describe('checksum helper', () => {
  it('agrees with the standard example in GB 11643', () => {
    expect(checkChar('11010519491231002')).toBe('X');
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('agrees with the module for many sequences', () => {
    for (let seq = 0; seq < 200; seq++) {
      const first17 = `3205821988071${String(seq).padStart(4, '0')}`;
      expect(idCheckChar(first17)).toBe(checkChar(first17));
    }
  });
});

describe('validateIdNumber', () => {
  it('accepts a valid ID and reads birth date and sex', () => {
    const id = makeId('19800520', '003');
    expect(validateIdNumber(id, today)).toEqual({ ok: true, idNumber: id, birthDate: '1980-05-20', sex: 'male' });
    expect(validateIdNumber(makeId('19800520', '004'), today)).toMatchObject({ ok: true, sex: 'female' });
  });

  it('accepts the X check character in either case', () => {
    const upper = '11010519491231002X';
    expect(validateIdNumber(upper, today)).toMatchObject({ ok: true, idNumber: upper, birthDate: '1949-12-31', sex: 'female' });
    expect(validateIdNumber('11010519491231002x', today)).toMatchObject({ ok: true, idNumber: upper });
  });

  it('accepts full-width digits and letters, and surrounding spaces', () => {
    const id = makeId('20010911', '451');
    const fullWidth = id.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect(validateIdNumber(`\u3000${fullWidth} `, today)).toMatchObject({ ok: true, idNumber: id });
    expect(validateIdNumber('１１０１０５１９４９１２３１００２ｘ', today)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('rejects a wrong check character', () => {
    const id = makeId('19800520');
    expect(validateIdNumber(withWrongCheck(id), today)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects wrong length and wrong characters', () => {
    const id = makeId('19800520');
    expect(validateIdNumber(id.slice(0, 17), today)).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber(id + '1', today)).toEqual({ ok: false, reason: 'length' });
    expect(validateIdNumber('1101051980X5200036', today)).toEqual({ ok: false, reason: 'chars' });
    expect(validateIdNumber('11010519800520003A', today)).toEqual({ ok: false, reason: 'chars' });
  });

  it('handles Feb 29 birth dates by leap year', () => {
    expect(validateIdNumber(makeId('20000229'), today)).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(validateIdNumber(makeId('19000229'), today)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(makeId('20010229'), today)).toEqual({ ok: false, reason: 'birth_date' });
  });

  it('rejects impossible, future and pre-1900 birth dates even with a right checksum', () => {
    expect(validateIdNumber(makeId('19801340'), today)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(makeId('20261124'), today)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(makeId('20261123'), today)).toMatchObject({ ok: true });
    expect(validateIdNumber(makeId('18991231'), today)).toEqual({ ok: false, reason: 'birth_date' });
    expect(validateIdNumber(makeId('19000101'), today)).toMatchObject({ ok: true });
  });
});

describe('normalizeIdNumber / looksLikeIdNumber', () => {
  it('normalizes', () => {
    expect(normalizeIdNumber(' １１０１０５１９４９１２３１００２ｘ ')).toBe('11010519491231002X');
  });

  it('recognizes IDs and near-miss attempts but not phones or short numbers', () => {
    const id = makeId('19800520');
    expect(looksLikeIdNumber(id)).toBe(true);
    expect(looksLikeIdNumber('11010519491231002x')).toBe(true);
    expect(looksLikeIdNumber(id.slice(0, 16))).toBe(true);
    expect(looksLikeIdNumber(id + '12')).toBe(true);
    expect(looksLikeIdNumber('110105800520003')).toBe(true); // old 15-digit form
    expect(looksLikeIdNumber('13812345678')).toBe(false);
    expect(looksLikeIdNumber('2026-11-20')).toBe(false);
    expect(looksLikeIdNumber('123456789012345678901')).toBe(false);
    expect(looksLikeIdNumber('XXXXXXXXXXXXXXXXXX')).toBe(false);
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn('1956-11-24', '2026-11-23')).toBe(69);
    expect(ageOn('1956-11-23', '2026-11-23')).toBe(70);
    expect(ageOn('2012-01-01', '2026-12-31')).toBe(14);
  });

  it('makes a Feb 29 birthday count from Mar 1 in common years', () => {
    expect(ageOn('2000-02-29', '2027-02-28')).toBe(26);
    expect(ageOn('2000-02-29', '2027-03-01')).toBe(27);
    expect(ageOn('2000-02-29', '2028-02-29')).toBe(28);
  });
});
