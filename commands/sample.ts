import { dutyText } from '../src/messages/duties';
import { confirmSampled } from '../src/services/duty-actions';
import { findTestToMakeUp, findTodaysDuties } from '../src/services/find-case-duty';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { type CommandContext, defineCommand } from './define-command';

const MAKEUP_WORDS = new Set(['补采', '补做', '补']);

/** /采样 #12 — the typed form of 已采样; /采样 #12 补采 — a make-up sample of the latest test day not sampled. */
export const sample = defineCommand({
  name: 'sample',
  aliases: ['采样', '已采样'],
  effect: 'changes',
  audience: 'doctor',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '采样');
    if (!number || number.rest.length > 1 || (number.rest[0] && !MAKEUP_WORDS.has(number.rest[0]))) throw new UserError(dutyText.commandUsage.sample);
    const target = number.rest.length
      ? await findTestToMakeUp(ctx.db, { caseId: number.id, actor: ctx.actor })
      : await todaysTest(ctx, number.id);
    const outcome = await confirmSampled({ ...ctx, chatId: ctx.chat.chatId }, target.id);
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});

async function todaysTest(ctx: CommandContext, caseId: number) {
  const duties = await findTodaysDuties(ctx.db, { caseId, today: ctx.today, kind: 'test', noneMessage: dutyText.noTestToday(caseId), actor: ctx.actor });
  return duties.find((d) => d.status === 'pending') ?? duties[0]!;
}
