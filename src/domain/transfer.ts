import { toHalfWidth } from './dates';
import { DESTINATION_WORDS, type TransferDestination } from './lifecycle-args';
import { scrubText } from './mask';
import { type Category, findCategory, type Policy, startsAtIsolationPoint } from './policy';

/**
 * A transfer's steps, in the order the plans give them: the vehicle is arranged ("安排专用车辆"),
 * the person picked up, then handed over at the receiving place ("做好转运人员交接", 001 篇二 §26).
 * Nothing here knows Lark or the database.
 */
export const TRANSFER_STEPS = ['dispatched', 'picked_up', 'handed_over'] as const;
export type TransferStepName = (typeof TRANSFER_STEPS)[number];
export type TransferState = 'requested' | TransferStepName | 'cancelled';

/** The step that comes next from `state`; null when the transfer is over. */
export function nextStep(state: TransferState): TransferStepName | null {
  if (state === 'requested') return 'dispatched';
  if (state === 'dispatched') return 'picked_up';
  if (state === 'picked_up') return 'handed_over';
  return null;
}

/**
 * Whether `step` may be taken now: only the next one. A step already taken is `done` (a second
 * press, shown as such); one whose turn has not come is `out_of_order`, with the step that must
 * come first; a finished transfer is `over`.
 */
export function checkStep(state: TransferState, step: TransferStepName): { ok: true } | { ok: false; why: 'done' | 'over' } | { ok: false; why: 'out_of_order'; first: TransferStepName } {
  const next = nextStep(state);
  if (next === step) return { ok: true };
  if (next === null) return { ok: false, why: 'over' };
  return TRANSFER_STEPS.indexOf(step) < TRANSFER_STEPS.indexOf(next) ? { ok: false, why: 'done' } : { ok: false, why: 'out_of_order', first: next };
}

/** The clock of a transfer: minutes since the request, the deadline, and whether it is past. */
export function transferClock(input: { requestedAt: Date; now: Date; policy: Pick<Policy, 'transfers'> }): { minutes: number; deadline: Date; overdue: boolean } {
  const minutes = Math.max(0, Math.floor((input.now.getTime() - input.requestedAt.getTime()) / 60_000));
  const deadline = new Date(input.requestedAt.getTime() + input.policy.transfers.limitHours * 3600_000);
  return { minutes, deadline, overdue: input.now.getTime() >= deadline.getTime() };
}

/** The warning hours (policy transfers.warnAtHours) reached by now and not yet told, the largest last. */
export function warningsDue(input: { requestedAt: Date; now: Date; warnedHours: number; policy: Pick<Policy, 'transfers'> }): number[] {
  const elapsedHours = (input.now.getTime() - input.requestedAt.getTime()) / 3600_000;
  return input.policy.transfers.warnAtHours.filter((h) => h > input.warnedHours && h <= elapsedHours);
}

export type TransferRequestArgs = { destination: TransferDestination; category: Category | null; reason: string | null };

/**
 * /转运申请 #12 集中隔离 密接 [原因]: where to (集中隔离 or 医院) and, for central isolation, the
 * category the person continues under there when the next word names one that is spent at an
 * isolation point (密接, 次密接, 集中隔离); the rest is the reason, masked.
 */
export function parseTransferRequestArgs(words: string[], policy: Policy): { ok: true; value: TransferRequestArgs } | { ok: false; error: 'no_destination' | 'bad_destination'; word?: string } {
  const [first, ...rest] = words.map((w) => toHalfWidth(w).trim()).filter(Boolean);
  if (!first) return { ok: false, error: 'no_destination' };
  const destination = DESTINATION_WORDS[first];
  if (!destination) return { ok: false, error: 'bad_destination', word: first };
  const named = destination === 'central' && rest[0] ? findCategory(policy, rest[0]) : null;
  const category = named && startsAtIsolationPoint(named) ? named : null;
  const reasonWords = category ? rest.slice(1) : rest;
  const reason = scrubText(reasonWords.join(' ')) || (category ? category.name : null);
  return { ok: true, value: { destination, category, reason } };
}
