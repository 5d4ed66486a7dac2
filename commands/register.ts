import { listVillages, type Village } from '../src/db/repositories/villages.repository';
import { registerVillages } from '../src/domain/permissions';
import { type IsolationPoint, listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { caseText } from '../src/messages/cases';
import { multiRegisterText } from '../src/messages/register';
import { UserError } from '../src/shared/user-error';
import { defineCommand, type CommandContext } from './define-command';
import { registerLine, registrationLines } from './register-line';

/**
 * /登记 one person, or one person per line: a cadre pastes several /登记 lines at once. Each
 * line is registered on its own (a bad line does not hold back the good ones) and one reply
 * lists 已登记 #N and 未成功 with each line's problems. A longer list goes through /导入.
 */
export const register = defineCommand({
  name: 'register',
  aliases: ['登记', '登记人员', 'reg'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const { actor } = ctx;
    if (registerVillages(actor).length === 0) {
      throw new UserError(caseText.registerNoPermission);
    }
    const lines = registrationLines(argText);
    const max = ctx.policy.registration.maxPerMessage;
    if (lines.length > max) throw new UserError(multiRegisterText.tooMany(lines.length, max));
    const villages = await listVillages(ctx.db);
    const points = await listIsolationPoints(ctx.db);
    if (lines.length <= 1) {
      const outcome = await registerLine(ctx, { text: lines[0] ?? '', villages, points });
      if (outcome.kind === 'created') await ctx.replyCard(outcome.card);
      else await ctx.reply(outcome.text);
      return;
    }
    await registerEach(ctx, lines, villages, points);
  },
});

async function registerEach(ctx: CommandContext, lines: string[], villages: Village[], points: IsolationPoint[]) {
  const done: string[] = [];
  const failed: string[] = [];
  for (const [i, text] of lines.entries()) {
    try {
      // A savepoint per person: a refused line leaves nothing of itself behind.
      const outcome = await ctx.db.transaction((sp) => registerLine({ ...ctx, db: sp }, { text, villages, points, brief: true }));
      if (outcome.kind === 'created') done.push(multiRegisterText.created(i + 1, outcome.id, outcome.nameMasked));
      else failed.push(multiRegisterText.failed(i + 1, [outcome.text]));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failed.push(multiRegisterText.failed(i + 1, e.reply.split('\n')));
    }
  }
  await ctx.reply(multiRegisterText.summary({ total: lines.length, done, failed }));
}
