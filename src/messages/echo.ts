import { scrubText } from '../domain/mask';

/** How Lark reads the text it is put in (LARK.md §5.3 text content, §7.6 card markdown). */
export type MessageKind = 'text' | 'markdown' | 'plain_text';

// Each control character becomes its full-width twin: it reads the same to a person, and
// Lark builds nothing from it (no <at user_id="all">, no [link](url), no **bold** or ~~strike~~).
const TWINS: Record<string, string> = { '<': '＜', '>': '＞', '[': '［', ']': '］', '*': '＊', '_': '＿', '~': '～', '`': '｀', '&': '＆' };
// Text messages read tags, links and emphasis; card markdown also `code` and HTML entities
// (&lt;at …&gt;). Both lose all of them: whether Lark decodes an entity in a text message is
// not documented, and a twin costs nothing.
const CONTROLS = /[<>[\]*_~`&]/g;
// Lark turns a bare address into a link in both kinds; broken at the scheme it stays readable.
const SCHEME = /:\/\//g;

/**
 * What a person typed, made safe for the kind of message it is echoed in: text and card
 * markdown lose every control, plain_text is shown as it is by Lark and stays as typed.
 */
export function escapeFor(kind: MessageKind, typed: string): string {
  if (kind === 'plain_text') return typed;
  return typed.replace(CONTROLS, (c) => TWINS[c]!).replace(SCHEME, '：//');
}

/**
 * The one way a reply repeats what someone typed (a word it could not read, a reason, a
 * note, a file name): IDs and phones masked, controls escaped for a text message.
 */
export function echo(typed: string): string {
  // Escaped first: the stars of masks made here stay ASCII. Masks stored earlier (a reason
  // kept masked) show full-width stars: two of them in one message could pair up as **bold**.
  return scrubText(escapeFor('text', typed));
}
