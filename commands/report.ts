import { writeAudit } from '../src/db/repositories/audit.repository';
import { fileReport, reportsOn } from '../src/db/repositories/reports.repository';
import { localTimeIn } from '../src/domain/dates';
import { canReport } from '../src/domain/permissions';
import { reportToFile } from '../src/domain/reports';
import { reportText } from '../src/messages/reports';
import { maskFreeText } from '../src/services/mask-free-text';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

const hhmm = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/** /上报 [备注] — the village's daily report, in its own group; after the deadline it is marked late. */
export const report = defineCommand({
  name: 'report',
  aliases: ['上报', '日报'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const binding = ctx.chat.binding;
    if (binding?.kind !== 'village') throw new UserError(reportText.usage);
    if (!canReport(ctx.actor, binding.villageId)) throw new UserError(reportText.onlyCadres(binding.villageName));
    const filed = await reportsOn(ctx.db, ctx.today, binding.villageId);
    const local = localTimeIn(ctx.timeZone, ctx.now);
    const time = hhmm(local.hour, local.minute);
    const next = reportToFile(ctx.policy.reports, new Set(filed.map((f) => f.report)), time);
    if (!next) throw new UserError(reportText.allFiled(ctx.policy.reports.map((r) => r.label)));
    // Stored and audited: IDs, phones and the names of registered people masked first.
    const note = argText.trim() ? await maskFreeText(ctx.db, ctx.cipher, argText.trim()) : null;
    await fileReport(ctx.db, { villageId: binding.villageId, date: ctx.today, report: next.report.key, by: ctx.actor.openId, at: ctx.now, chatId: ctx.chat.chatId, note });
    await writeAudit(ctx.db, {
      at: ctx.now,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      action: 'village.report',
      caseId: null,
      after: { villageId: binding.villageId, date: ctx.today, report: next.report.key, late: next.late, note },
    });
    await ctx.reply(next.late ? reportText.filedLate(next.report.label, time, next.report.deadline) : reportText.filed(next.report.label, time));
  },
});
