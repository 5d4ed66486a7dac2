import { currentSlot } from '../src/domain/duties';
import { teamWorkText } from '../src/messages/team-work';
import { findTodaysDuties } from '../src/services/find-case-duty';
import { recordTeamWork } from '../src/services/team-work';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

const NO_ANSWER = new Set(['未接通', '没接通', '联系不上', '未接']);

/** /点名 #12 — the roll call of the slot open now done; /点名 #12 未接通 — no answer. */
export const rollcall = defineCommand({
  name: 'rollcall',
  aliases: ['点名', '已点名'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '点名');
    if (!number || number.rest.length > 1 || (number.rest[0] && !NO_ANSWER.has(number.rest[0]))) throw new UserError(teamWorkText.commandUsage.rollcall);
    const duties = await findTodaysDuties(ctx.db, { caseId: number.id, today: ctx.today, kind: 'rollcall', noneMessage: teamWorkText.noRollcallNow(number.id), actor: ctx.actor });
    const slot = currentSlot({ slots: ctx.policy.rollCallSlots, now: ctx.now, timeZone: ctx.timeZone });
    // The slot open now; else the earliest still open today (a call made late is still a call).
    const target = duties.find((d) => d.slot === slot && d.status === 'pending') ?? duties.find((d) => d.status === 'pending');
    if (!target) throw new UserError(teamWorkText.noRollcallNow(number.id));
    const outcome = await recordTeamWork({ ...ctx, chatId: ctx.chat.chatId }, { dutyId: target.id, kind: 'rollcall', ok: number.rest.length === 0, note: number.rest.length ? '未接通' : undefined });
    if (!outcome.changed) throw new UserError(outcome.message);
    await ctx.reply(outcome.message);
  },
});
