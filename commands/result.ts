import type { TestResult } from '../src/domain/duties';
import { dutyText } from '../src/messages/duties';
import { confirmResult } from '../src/services/duty-actions';
import { findTodaysDuties } from '../src/services/find-case-duty';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

const RESULT_WORDS: Record<string, TestResult> = { 阴性: 'negative', 阴: 'negative', 阳性: 'positive', 阳: 'positive', 无效: 'invalid' };

/** /结果 #12 阴性 — the typed form of the result buttons. */
export const result = defineCommand({
  name: 'result',
  aliases: ['结果', '核酸结果'],
  audience: 'doctor',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    const value = number && RESULT_WORDS[number.rest[0] ?? ''];
    if (!number || !value) throw new UserError(dutyText.commandUsage.result);
    const duties = await findTodaysDuties(ctx.db, { caseId: number.id, today: ctx.today, kind: 'test', noneMessage: dutyText.noTestToday(number.id) });
    const target = duties.find((d) => d.sampledAt && !d.result) ?? duties.find((d) => !d.result) ?? duties[0]!;
    const outcome = await confirmResult({ ...ctx, chatId: ctx.chat.chatId }, target.id, value);
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});
