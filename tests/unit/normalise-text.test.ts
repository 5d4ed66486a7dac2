import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/inbox/describe-failure';
import { normaliseDelivery, normaliseText } from '../../src/inbox/normalise-text';

describe('normaliseText', () => {
  it.each([
    ['幸福路\u00008号', '幸福路8号'],
    ['a\u0001\u0007\u001b[31mb', 'a[31mb'],
    ['keeps\ttabs\nand lines', 'keeps\ttabs\nand lines'],
    ['crlf\r\nand\rcr', 'crlf\nand\ncr'],
    ['lone \uD800 high, lone \uDC00 low', 'lone  high, lone  low'],
    ['pair 😀 kept', 'pair 😀 kept'],
    ['\u202E反转\u202C \u2066隔离\u2069 \u200F', '反转 隔离 '],
    ['del\u007F c1\u0085', 'del c1'],
    ['王小明 110105198503171231', '王小明 110105198503171231'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected);
  });
});

describe('normaliseDelivery', () => {
  it('cleans a message content, which is JSON inside a string, and every other string and key', () => {
    const payload = {
      sender: { sender_id: { open_id: 'ou_\u0000x' } },
      message: { content: JSON.stringify({ file_key: 'fk', file_name: 'a\u0000.csv' }), mentions: [{ key: '@_user_1\u202E', name: 'x' }] },
      ['k\u0000']: 1,
    };
    expect(normaliseDelivery(payload)).toEqual({
      sender: { sender_id: { open_id: 'ou_x' } },
      message: { content: JSON.stringify({ file_key: 'fk', file_name: 'a.csv' }), mentions: [{ key: '@_user_1', name: 'x' }] },
      k: 1,
    });
  });

  it('leaves a content that is not JSON a cleaned string, and numbers and booleans alone', () => {
    expect(normaliseDelivery({ content: 'plain\u0000', n: 3, b: true, z: null })).toEqual({ content: 'plain', n: 3, b: true, z: null });
  });
});

describe('describeFailure', () => {
  it('keeps the database error, never the failed query and its parameters', () => {
    const pg = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const drizzle = Object.assign(new Error('Failed query: insert into "cases" values ($1)\nparams: 王小明,幸福路\u00008号'), { cause: pg });
    const text = describeFailure(drizzle);
    expect(text).toBe('22021 invalid byte sequence for encoding "UTF8": 0x00');
  });

  it('takes the first line of a plain error, cleaned and cut short', () => {
    expect(describeFailure(new Error(`boom\u0000${'x'.repeat(500)}\nsecond line`))).toMatch(/^boomx+$/);
    expect(describeFailure(new Error('x'.repeat(500))).length).toBe(300);
    expect(describeFailure('a string')).toBe('a string');
  });
});
