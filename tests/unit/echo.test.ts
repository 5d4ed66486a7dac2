import { describe, expect, it } from 'vitest';
import { echo, escapeFor } from '../../src/messages/echo';

describe('escapeFor / echo', () => {
  it('turns every Lark control into its full-width twin in text and card markdown', () => {
    const typed = '<at user_id="all">所有人</at> [官方通知](http://evil.example) **b** ~~s~~ _i_ `c` &lt;';
    for (const kind of ['text', 'markdown'] as const) {
      expect(escapeFor(kind, typed)).toBe('＜at user＿id="all"＞所有人＜/at＞ ［官方通知］(http：//evil.example) ＊＊b＊＊ ～～s～～ ＿i＿ ｀c｀ ＆lt;');
    }
  });

  it('leaves plain_text as typed: Lark reads nothing in it', () => {
    expect(escapeFor('plain_text', '<at id=all></at> **b**')).toBe('<at id=all></at> **b**');
  });

  it('escapes the stars of masks stored earlier too: two in one message could pair up as bold', () => {
    expect(echo('110105********123X；手机：138****5678')).toBe('110105＊＊＊＊＊＊＊＊123X；手机：138＊＊＊＊5678');
  });

  it('masks IDs and phones however they were typed, after escaping (the masks keep their stars)', () => {
    expect(echo('110105 19850317 1231')).toBe('110105********1231');
    expect(echo('「1381234\u200B5678」<b>')).toBe('「138****5678」＜b＞');
    expect(echo('138.1234.5678 1381234 5678')).toBe('138****5678 138****5678');
  });
});
