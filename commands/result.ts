import type { TestResult } from '../src/domain/duties';
import { toHalfWidth } from '../src/domain/dates';
import { readTestResult } from '../src/domain/result-words';
import { dutyText } from '../src/messages/duties';
import { confirmResult } from '../src/services/duty-actions';
import { findTestAwaitingResult } from '../src/services/find-case-duty';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /结果 #12 阴性 · /结果 #12 第4天 阴性 — the typed form of the result buttons, for the latest sampled test (or that day's). */
export const result = defineCommand({
  name: 'result',
  aliases: ['结果', '核酸结果'],
  effect: 'changes',
  audience: 'doctor',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '结果');
    let value: TestResult | undefined;
    let day: number | null = null;
    for (const word of number?.rest ?? []) {
      const dayMatch = /^第?(\d{1,2})天?$/.exec(toHalfWidth(word));
      const said = readTestResult(word);
      if (said && !value) value = said;
      else if (dayMatch && day === null) day = Number(dayMatch[1]);
      else throw new UserError(dutyText.commandUsage.result);
    }
    if (!number || !value) throw new UserError(dutyText.commandUsage.result);
    const target = await findTestAwaitingResult(ctx.db, { caseId: number.id, day, today: ctx.today, actor: ctx.actor });
    const outcome = await confirmResult({ ...ctx, chatId: ctx.chat.chatId }, target.id, value);
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});
