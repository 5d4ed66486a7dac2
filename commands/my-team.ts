import { getCases } from '../src/db/repositories/cases.repository';
import { casesOfTeamMember } from '../src/db/repositories/teams.repository';
import { dayNumber } from '../src/domain/period';
import { categoryName, teamPartLabel } from '../src/domain/policy';
import { daysBetween } from '../src/domain/dates';
import { teamText } from '../src/messages/teams';
import { defineCommand } from './define-command';

/** /我的包保 — the people under management whose team I am in, and my part. */
export const myTeam = defineCommand({
  name: 'myteam',
  aliases: ['我的包保', '包保对象'],
  effect: 'reads',
  audience: 'everyone',
  async run(ctx) {
    const mine = await casesOfTeamMember(ctx.db, ctx.actor.openId);
    if (mine.length === 0) return ctx.reply(teamText.mineNone);
    const cases = new Map((await getCases(ctx.db, [...new Set(mine.map((m) => m.caseId))])).map((c) => [c.id, c]));
    const lines = mine.map((m) => {
      const c = cases.get(m.caseId)!;
      return teamText.mineLine({
        caseNo: c.id,
        maskedName: c.nameMasked,
        village: c.villageName,
        part: teamPartLabel(ctx.policy, m.part),
        category: categoryName(ctx.policy, c.category),
        day: dayNumber(c.startDate, ctx.today),
        total: daysBetween(c.startDate, c.endDate) + 1,
      });
    });
    await ctx.reply([teamText.mineHeader(new Set(mine.map((m) => m.caseId)).size), ...lines].join('\n'));
  },
});
