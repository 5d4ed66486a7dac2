import { reportsOn } from '../src/db/repositories/reports.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { reportTimes } from '../src/domain/reports';
import { formatDate } from '../src/messages/cases';
import { reportText } from '../src/messages/reports';
import { postText } from '../src/services/post-to-chats';
import { chatsBoundTo } from '../src/services/recipients';
import { villagesMissingReport } from '../src/services/report-status';
import { defineJob } from './define-job';

/**
 * At a report's reminder time, villages that have not filed it get a reminder in their
 * group; at its deadline, HQ gets the villages that did not file it in time.
 */
export const reportDeadline = defineJob({
  name: 'report-deadline',
  times: (policy) => reportTimes(policy.reports),
  description: 'reminds villages that have not filed a report, then tells HQ who missed the deadline',
  usefulMinutes: 60,
  async run(ctx) {
    const filed = await reportsOn(ctx.db, ctx.today);
    const villages = await listVillages(ctx.db);
    const hq = await chatsBoundTo(ctx.db, { kind: 'hq' });
    let reminders = 0;
    let missed = 0;
    let hqMessages = 0;
    for (const r of ctx.policy.reports) {
      if (r.remind === ctx.fire.time) {
        for (const v of villages.filter((v) => !filed.some((f) => f.villageId === v.id && f.report === r.key))) {
          reminders += await postText(ctx.db, await chatsBoundTo(ctx.db, { kind: 'village', villageId: v.id }), reportText.reminder(r.label, r.deadline));
        }
      }
      if (r.deadline === ctx.fire.time) {
        const late = await villagesMissingReport(ctx.db, { date: ctx.today, report: r, timeZone: ctx.timeZone });
        missed += late.length;
        const date = formatDate(ctx.today);
        const text = late.length
          ? [reportText.missedTitle(r.label, date, r.deadline), ...late.map((v) => v.name)].join('\n')
          : reportText.missedNone(r.label, date, r.deadline);
        hqMessages += await postText(ctx.db, hq, text);
      }
    }
    return { reminders, missed, hqMessages };
  },
});
