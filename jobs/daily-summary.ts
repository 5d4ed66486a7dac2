import { chatBindings } from '../src/db/schema';
import { summaryCard } from '../src/cards/summary-card';
import { computeDailySummary } from '../src/services/daily-summary';
import { postCard } from '../src/services/post-to-chats';
import { defineJob } from './define-job';

/** Morning: the summary card to the HQ group and to every task-force group. */
export const dailySummary = defineJob({
  name: 'daily-summary',
  times: (policy) => policy.schedule['daily-summary'],
  description: 'the daily summary card (with the 14-day chart) to HQ and every task-force group',
  usefulMinutes: 360,
  async run(ctx) {
    const summary = await computeDailySummary(ctx.db, { date: ctx.today, now: ctx.fire.at, timeZone: ctx.timeZone, policy: ctx.policy });
    const chats = (await ctx.db.select({ chatId: chatBindings.chatId, kind: chatBindings.kind }).from(chatBindings))
      .filter((b) => b.kind === 'hq' || b.kind === 'taskforce')
      .map((b) => b.chatId);
    const cards = await postCard(ctx.db, chats, summaryCard(summary));
    return { active: summary.active, cards };
  },
});
