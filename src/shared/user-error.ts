import type { Card } from '../cards/card';

/**
 * A refusal meant for the person who typed the command: bad input, no permission, not
 * found. The dispatcher rolls back whatever the command wrote and replies with `reply`, or
 * with `card` when the answer is a choice to press (several people of the same name).
 */
export class UserError extends Error {
  constructor(
    readonly reply: string,
    readonly card?: Card,
  ) {
    super(reply);
    this.name = 'UserError';
  }
}
