import { writeAudit } from '../src/db/repositories/audit.repository';
import { closeCorrection, lockCorrection } from '../src/db/repositories/corrections.repository';
import { scrubText } from '../src/domain/mask';
import { canCorrect } from '../src/domain/permissions';
import { supervisionText as text } from '../src/messages/supervision';
import { postText } from '../src/services/post-to-chats';
import { supervisorChats } from '../src/services/recipients';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

const DONE_WORDS = new Set(['完成', '已完成', '已整改']);

/** /整改 3 完成 已安装门磁 — the village closes a correction; the supervisors are told. */
export const correct = defineCommand({
  name: 'correct',
  aliases: ['整改'],
  audience: 'cadre',
  effect: 'changes',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    if (!number) throw new UserError(text.correctUsage);
    const rest = DONE_WORDS.has(number.rest[0] ?? '') ? number.rest.slice(1) : number.rest;
    const item = await lockCorrection(ctx.db, number.id);
    if (!item) throw new UserError(text.correctionMissing(number.id));
    if (!canCorrect(ctx.actor, item.villageId)) throw new UserError(text.correctNotAllowed(item.villageName));
    if (item.closedAt) throw new UserError(text.alreadyClosed(number.id));
    if (rest.length === 0) throw new UserError(text.correctNeedsNote(number.id));
    const note = scrubText(rest.join(' '));
    await closeCorrection(ctx.db, { id: item.id, by: ctx.actor.openId, at: ctx.now, note });
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'correction.close', caseId: item.caseId, after: { correction: item.id, note } });
    const supervisors = await supervisorChats(ctx.db, ctx.policy);
    await postText(ctx.db, supervisors, text.toSupervisors({ id: item.id, village: item.villageName, note }));
    await ctx.reply(text.closed(item.id));
  },
});
