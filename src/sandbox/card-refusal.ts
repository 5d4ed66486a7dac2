import { type CardViolation, checkCard } from '../cards/check/check-card';

/**
 * How the fake Open Platform refuses a card Lark would not build, with Lark's codes
 * (send/reply/patch pages, and 230099 messages as Lark words them, e.g. "Failed to create card
 * content, ext=ErrCode: 11310; ErrMsg: card table number over limit; ErrorValue: table;"):
 *   230025          request body over 30 KB
 *   230099 + 11310  over a count limit (elements, tables)
 *   230099 + 200861 a 1.0 component 2.0 removed
 *   230099 + 200621 anything else the 2.0 schema refuses
 * A card in a card-callback answer is refused with 200673 (the client shows the error and
 * keeps the old card).
 */
export interface CardRefusal {
  /** 'message': a send, reply or PATCH; 'callback': the card of a card-callback answer. */
  where: 'message' | 'callback';
  code: number;
  msg: string;
  /** The card's title, to tell which card it was. */
  title: string;
  violations: CardViolation[];
  at: number;
}

const SUB_CODE: Record<CardViolation['kind'], number> = { limit: 11310, deprecated: 200861, format: 200621, size: 230025 };

/** Checks `card`; a refused one is recorded in `refusals` and returned, an accepted one gives null. */
export function recordCardRefusal(refusals: CardRefusal[], where: CardRefusal['where'], card: unknown): CardRefusal | null {
  const violations = checkCard(card);
  if (violations.length === 0) return null;
  const refusal: CardRefusal = { where, ...answerFor(where, violations), title: titleOf(card), violations, at: Date.now() };
  refusals.push(refusal);
  return refusal;
}

function answerFor(where: CardRefusal['where'], violations: CardViolation[]): { code: number; msg: string } {
  // Lark reads the body's size first, then parses the card, then counts.
  const first = violations.find((v) => v.kind === 'size') ?? violations.find((v) => v.kind !== 'limit') ?? violations[0]!;
  const detail = `${first.path || 'card'}: ${first.rule}`;
  if (where === 'callback') return { code: 200673, msg: `card in the callback response is invalid: ${detail}` };
  if (first.kind === 'size') return { code: 230025, msg: 'The message content is too long.' };
  return { code: 230099, msg: `Failed to create card content, ext=ErrCode: ${SUB_CODE[first.kind]}; ErrMsg: ${detail}; ErrorValue: ${first.path};` };
}

function titleOf(card: unknown): string {
  const title = (card as { header?: { title?: { content?: unknown } } } | null)?.header?.title?.content;
  return typeof title === 'string' ? title : '(untitled card)';
}

/** One line per refusal and violation, for a test that must fail loudly. */
export function describeRefusals(refusals: readonly CardRefusal[]): string {
  return refusals
    .map((r) => [`Lark refused the card "${r.title}" (${r.where}, ${r.code}):`, ...r.violations.map((v) => `  ${v.path || 'card'}: ${v.rule}`)].join('\n'))
    .join('\n');
}
