import { supervisionCard } from '../src/cards/supervision-card';
import { addDays } from '../src/domain/dates';
import { supervisionReportText } from '../src/messages/supervision';
import { enqueueOutbound } from '../src/outbox/outbox.repository';
import { postCard } from '../src/services/post-to-chats';
import { supervisorChats } from '../src/services/recipients';
import { supervisionReport } from '../src/services/supervision-report';
import { supervisionWorkbook } from '../src/services/supervision-workbook';
import { defineJob } from './define-job';

/**
 * Mornings: yesterday's 督导通报 to the groups bound as the supervision task force and the
 * discipline committee ("镇纪委负责督查各村二包一落实情况，并进行通报", 004 篇二), with the
 * workbook attached for the record.
 */
export const supervisionReportJob = defineJob({
  name: 'supervision-report',
  times: (policy) => policy.schedule['supervision-report'],
  description: "yesterday's missed visits, roll calls, tests, overdue results and late reports per village and responsible person, a 7-day trend and open corrections, with an xlsx, to the 督导检查 and 纪委 groups",
  usefulMinutes: 240,
  async run(ctx): Promise<Record<string, number>> {
    const chats = await supervisorChats(ctx.db, ctx.policy);
    if (chats.length === 0) return { chats: 0 };
    const date = addDays(ctx.today, -1);
    const report = await supervisionReport(ctx.db, { date, now: ctx.now, policy: ctx.policy, timeZone: ctx.timeZone });
    await postCard(ctx.db, chats, supervisionCard(report, ctx.today));
    const sealedData = ctx.cipher.encrypt((await supervisionWorkbook(report)).toString('base64'));
    for (const chatId of chats) {
      await enqueueOutbound(ctx.db, { kind: 'file', receiveIdType: 'chat_id', receiveId: chatId, fileName: supervisionReportText.fileName(date), fileType: 'xls', sealedData });
    }
    return { chats: chats.length, villages: report.villages.length, people: report.people.length, openCorrections: report.openCorrections.length };
  },
});
