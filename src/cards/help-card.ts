import { buildCard, button, type Card, type CardElement, plainText } from './card';

/**
 * /帮助 on a phone: the asker's daily commands (at most 12 lines, one screen) and four
 * buttons that stand for typed commands (card action command.run).
 */
export function helpCard(input: { title: string; lines: string[]; footer: string; buttons: { text: string; command: string }[] }): Card {
  const buttons: CardElement = {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: input.buttons.map((b, i) => ({
      tag: 'column',
      width: 'auto',
      elements: [button(b.text, { action: 'command.run', text: b.command }, i === 0 ? 'primary' : 'default')],
    })),
  };
  return buildCard({
    title: input.title,
    color: 'blue',
    elements: [plainText(input.lines.map((l) => `• ${l}`).join('\n')), buttons, plainText(input.footer)],
  });
}
