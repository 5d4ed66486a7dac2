import { teamWorkText } from '../src/messages/team-work';
import { findTodaysDuties } from '../src/services/find-case-duty';
import { recordTeamWork } from '../src/services/team-work';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

const NOT_SEEN = new Set(['未见到', '没见到', '不在家', '未见']);

/** /上门 #12 — today's door visit done; /上门 #12 未见到 原因 — nobody found, and why. */
export const visit = defineCommand({
  name: 'visit',
  aliases: ['上门', '已上门'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '上门');
    if (!number) throw new UserError(teamWorkText.commandUsage.visit);
    const [first, ...rest] = number.rest;
    const notSeen = first !== undefined && NOT_SEEN.has(first);
    if (first !== undefined && !notSeen) throw new UserError(teamWorkText.commandUsage.visit);
    const note = rest.join(' ').trim();
    if (notSeen && !note) throw new UserError(teamWorkText.notSeenNeedsReason(number.id));
    const duties = await findTodaysDuties(ctx.db, { caseId: number.id, today: ctx.today, kind: 'visit', noneMessage: teamWorkText.noVisitToday(number.id), actor: ctx.actor });
    const outcome = await recordTeamWork({ ...ctx, chatId: ctx.chat.chatId }, { dutyId: duties[0]!.id, kind: 'visit', ok: !notSeen, note: notSeen ? note : undefined });
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});
