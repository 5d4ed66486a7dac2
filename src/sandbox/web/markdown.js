// @ts-check
/**
 * Lark's card markdown and text-message markup, turned into safe HTML: everything is
 * escaped first, then only the known constructs are rebuilt (LARK.md §7.6, §7.7).
 */

/** @param {unknown} s */
export function escapeHtml(s) {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const QUOTE = '(?:&quot;|&#39;)?';
const SAFE_COLOR = /^(?:[a-z]+(?:-[a-z]+)*|#[0-9a-f]{3,6})$/i;

/**
 * @param {string} id
 * @param {(openId: string) => string | undefined} nameOf
 * @param {string} shownHtml the name written inside the tag, already escaped
 */
function mention(id, nameOf, shownHtml) {
  const known = id === 'all' ? '所有人' : nameOf(id);
  return `<span class="mention">@${known ? escapeHtml(known) : shownHtml || escapeHtml(id)}</span>`;
}

/**
 * Inline constructs on already escaped text.
 * @param {string} html
 * @param {(openId: string) => string | undefined} nameOf
 */
function inline(html, nameOf) {
  return html
    .replace(new RegExp(`&lt;at (?:id|ids|email|user_id)=${QUOTE}([^&\\s]+?)${QUOTE}&gt;(.*?)&lt;/at&gt;`, 'g'), (_, id, shown) => mention(id, nameOf, shown))
    .replace(new RegExp(`&lt;font color=${QUOTE}([^&\\s]+?)${QUOTE}&gt;(.*?)&lt;/font&gt;`, 'g'), (_, color, text) =>
      SAFE_COLOR.test(color) ? `<span style="color:${color}">${text}</span>` : text,
    )
    .replace(new RegExp(`&lt;text_tag color=${QUOTE}([^&\\s]+?)${QUOTE}&gt;(.*?)&lt;/text_tag&gt;`, 'g'), (_, color, text) =>
      `<span class="text-tag tag-${SAFE_COLOR.test(color) ? color : 'neutral'}">${text}</span>`,
    )
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__(.+?)__/g, '<strong>$1</strong>')
    .replace(/~~(.+?)~~/g, '<del>$1</del>')
    .replace(/(^|[^*])\*([^*\s][^*]*?)\*(?!\*)/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
}

/**
 * Card markdown: headings, lists, horizontal rules, emphasis, links, mentions, colours.
 * @param {string} text
 * @param {(openId: string) => string | undefined} nameOf
 */
export function renderMarkdown(text, nameOf) {
  const lines = escapeHtml(text).split('\n');
  return lines
    .map((line) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) return `<div class="md-h md-h${heading[1].length}">${inline(heading[2], nameOf)}</div>`;
      if (/^\s*(?:---+|&lt;hr&gt;)\s*$/.test(line)) return '<hr>';
      const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
      if (bullet) return `<div class="md-li">• ${inline(bullet[1], nameOf)}</div>`;
      const numbered = /^\s*(\d+)\.\s+(.*)$/.exec(line);
      if (numbered) return `<div class="md-li">${numbered[1]}. ${inline(numbered[2], nameOf)}</div>`;
      return line === '' ? '<div class="md-gap"></div>' : `<div>${inline(line, nameOf)}</div>`;
    })
    .join('');
}

/**
 * A text message: plain text, line breaks kept, `<at user_id="ou_…">name</at>` as a mention.
 * @param {string} text
 * @param {(openId: string) => string | undefined} nameOf
 */
export function renderText(text, nameOf) {
  return escapeHtml(text)
    .replace(new RegExp(`&lt;at (?:id|user_id|open_id)=${QUOTE}([^&\\s]+?)${QUOTE}&gt;(.*?)&lt;/at&gt;`, 'g'), (_, id, shown) => mention(id, nameOf, shown))
    .replace(/\n/g, '<br>');
}
