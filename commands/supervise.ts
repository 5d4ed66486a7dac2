import { writeAudit } from '../src/db/repositories/audit.repository';
import { getCase } from '../src/db/repositories/cases.repository';
import { openCorrection } from '../src/db/repositories/corrections.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { addDays, compareDates, parseDateToken } from '../src/domain/dates';
import { scrubText } from '../src/domain/mask';
import { canSupervise } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { matchVillage } from '../src/domain/village-match';
import { formatDate } from '../src/messages/cases';
import { supervisionText as text } from '../src/messages/supervision';
import { postText } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { UserError } from '../src/shared/user-error';
import { CaseNumberSchema } from './case-number';
import { defineCommand } from './define-command';

/**
 * /督查 东风村 #12 门磁未装 限明天 — a supervisor orders a correction (004 篇二 "镇纪委负责督查各村
 * 二包一落实情况"): the village group is told, and the item stays in the supervision report
 * until the village closes it with /整改.
 */
export const supervise = defineCommand({
  name: 'supervise',
  aliases: ['督查', '督导'],
  audience: 'lead',
  effect: 'changes',
  async run(ctx, argText) {
    if (!canSupervise(ctx.actor)) throw new UserError(text.notAllowed);
    const words = splitArgs(argText);
    if (words.length === 0) throw new UserError(text.superviseUsage);
    const villages = await listVillages(ctx.db);
    const binding = ctx.chat.binding;
    let village = binding?.kind === 'village' ? villages.find((v) => v.id === binding.villageId) : undefined;
    let caseId: number | null = null;
    let due = addDays(ctx.today, ctx.policy.supervision.correctionDays);
    const issue: string[] = [];
    for (const w of words) {
      const named = matchVillage(w, villages.map((v) => v.name));
      const number = CaseNumberSchema.safeParse(w);
      if (named.kind === 'exact' && issue.length === 0) village = villages.find((v) => v.name === named.name);
      else if (/^[#＃]/.test(w) && number.success) caseId = number.data;
      else if (/^限./.test(w)) {
        const date = parseDateToken(w.slice(1), ctx.today);
        if (!date?.ok) throw new UserError(text.badDeadline(w.slice(1)));
        if (compareDates(date.date, ctx.today) < 0) throw new UserError(text.pastDeadline(formatDate(date.date)));
        due = date.date;
      } else issue.push(w);
    }
    if (caseId !== null) {
      const found = await getCase(ctx.db, caseId);
      if (!found) throw new UserError(text.caseElsewhere(caseId, village?.name ?? '本镇'));
      if (village && found.villageId !== village.id) throw new UserError(text.caseElsewhere(caseId, village.name));
      village = villages.find((v) => v.id === found.villageId);
    }
    if (!village) throw new UserError(text.noVillage);
    if (issue.length === 0) throw new UserError(text.issueMissing(village.name));
    const what = scrubText(issue.join(' '));
    const id = await openCorrection(ctx.db, { villageId: village.id, caseId, issue: what, dueDate: due, openedBy: ctx.actor.openId, openedAt: ctx.now, chatId: ctx.chat.chatId });
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'correction.open', caseId, after: { correction: id, village: village.name, issue: what, due } });
    const subject = caseId === null ? '' : `#${caseId} `;
    const villageChats = (await chatsBoundTo(ctx.db, { kind: 'village', villageId: village.id })).filter((c) => c !== ctx.chat.chatId);
    await postText(ctx.db, villageChats, text.toVillage({ id, subject, issue: what, due: formatDate(due) }));
    await ctx.reply(text.opened({ id, village: village.name, subject: caseId === null ? '' : ` #${caseId}`, issue: what, due: formatDate(due) }));
  },
});
