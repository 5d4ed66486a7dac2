/**
 * Minimal card JSON 2.0 builder (LARK.md §7). Cards are shared (update_multi) so that an
 * update is seen by everyone in the group.
 */
export type CardColor = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'turquoise' | 'yellow';

export interface Card {
  schema: '2.0';
  config: { update_multi: true; summary?: { content: string } };
  header: { title: { tag: 'plain_text'; content: string }; template: CardColor };
  body: { elements: CardElement[] };
}

export type CardElement = { tag: string; [key: string]: unknown };

export function buildCard(input: { title: string; color: CardColor; elements: CardElement[]; summary?: string }): Card {
  return {
    schema: '2.0',
    config: { update_multi: true, ...(input.summary ? { summary: { content: input.summary } } : {}) },
    header: { title: { tag: 'plain_text', content: input.title }, template: input.color },
    body: { elements: input.elements },
  };
}

export function markdown(content: string): CardElement {
  return { tag: 'markdown', content };
}

/** Text shown as typed: masked names ("张*") and addresses must not be read as markdown. */
export function plainText(content: string): CardElement {
  return { tag: 'div', text: { tag: 'plain_text', content } };
}

/** A button whose press arrives as a card.action.trigger callback carrying `value`. */
export function button(text: string, value: Record<string, unknown>, type: 'default' | 'primary' | 'danger' = 'default'): CardElement {
  return { tag: 'button', text: { tag: 'plain_text', content: text }, type, size: 'small', behaviors: [{ type: 'callback', value }] };
}

/** One line: text on the left, buttons on the right (phones keep them on the same line). */
export function row(text: string, buttons: CardElement[]): CardElement {
  return {
    tag: 'column_set',
    flex_mode: 'none',
    horizontal_spacing: '8px',
    columns: [
      { tag: 'column', width: 'weighted', weight: 1, vertical_align: 'center', elements: [plainText(text)] },
      ...(buttons.length ? [{ tag: 'column', width: 'auto', vertical_align: 'center', elements: buttons }] : []),
    ],
  };
}
