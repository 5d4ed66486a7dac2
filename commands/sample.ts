import { dutyText } from '../src/messages/duties';
import { confirmSampled } from '../src/services/duty-actions';
import { findTodaysDuties } from '../src/services/find-case-duty';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

/** /采样 #12 — the typed form of 已采样. */
export const sample = defineCommand({
  name: 'sample',
  aliases: ['采样', '已采样'],
  audience: 'doctor',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    if (!number) throw new UserError(dutyText.commandUsage.sample);
    const duties = await findTodaysDuties(ctx.db, { caseId: number.id, today: ctx.today, kind: 'test', noneMessage: dutyText.noTestToday(number.id) });
    const target = duties.find((d) => !d.sampledAt && !d.result) ?? duties[0]!;
    const outcome = await confirmSampled({ ...ctx, chatId: ctx.chat.chatId }, target.id);
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});
