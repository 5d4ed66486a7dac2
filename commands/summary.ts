import { compareDates, parseDateToken } from '../src/domain/dates';
import { canSeeSummary } from '../src/domain/permissions';
import { summaryCard } from '../src/cards/summary-card';
import { summaryText } from '../src/messages/summary';
import { computeDailySummary } from '../src/services/daily-summary';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

/** /汇总 [日期] — the daily summary on demand (today's by default). */
export const summary = defineCommand({
  name: 'summary',
  aliases: ['汇总', '每日汇总'],
  effect: 'reads',
  audience: 'lead',
  async run(ctx, argText) {
    if (!canSeeSummary(ctx.actor)) throw new UserError(summaryText.notAllowed);
    const word = argText.trim();
    let date = ctx.today;
    if (word) {
      const parsed = parseDateToken(word, ctx.today);
      if (!parsed?.ok || compareDates(parsed.date, ctx.today) > 0) throw new UserError(summaryText.badDate(word));
      date = parsed.date;
    }
    await ctx.replyCard(summaryCard(await computeDailySummary(ctx.db, { date, now: ctx.now, timeZone: ctx.timeZone, policy: ctx.policy })));
  },
});
