/**
 * A refusal meant for the person who typed the command: bad input, no permission, not
 * found. The dispatcher rolls back whatever the command wrote and replies with `reply`.
 */
export class UserError extends Error {
  constructor(readonly reply: string) {
    super(reply);
    this.name = 'UserError';
  }
}
