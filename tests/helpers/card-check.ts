import { checkCard } from '../../src/cards/check/check-card';
import { describeRefusals } from '../../src/sandbox/card-refusal';
import type { FakeLark } from './fake-lark-server';

/** Every card a test reads passes the strict Card JSON 2.0 check, or the test fails naming each violation. */
export function expectCardAccepted(card: unknown): void {
  const violations = checkCard(card);
  if (violations.length === 0) return;
  const title = (card as { header?: { title?: { content?: string } } })?.header?.title?.content ?? '(untitled card)';
  throw new Error([`Lark would refuse the card "${title}":`, ...violations.map((v) => `  ${v.path || 'card'}: ${v.rule}`)].join('\n'));
}

/**
 * Fails the test when the fake Lark refused a card since the last call (a village would
 * have got no card); the refusals are taken, so the next test starts clean.
 */
export function expectNoCardRefusals(fake: FakeLark): void {
  if (fake.cardRefusals.length === 0) return;
  const refused = fake.cardRefusals.splice(0);
  throw new Error(describeRefusals(refused));
}
