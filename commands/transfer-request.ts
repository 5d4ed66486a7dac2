import { getIsolationPoint } from '../src/db/repositories/isolation-points.repository';
import { parseTransferRequestArgs } from '../src/domain/transfer';
import { transferText } from '../src/messages/transfers';
import { caseForAction } from '../src/services/case-for-action';
import { requestTransfer } from '../src/services/transfers';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

/**
 * /转运申请 #12 集中隔离 密接 | /转运申请 #12 医院 原因: a transfer for the transfer task force to do
 * within the policy's hours (8 h, 001 篇二 §26), seen step by step by the village and HQ.
 */
export const transferRequest = defineCommand({
  name: 'transfer-request',
  aliases: ['转运申请', '申请转运'],
  audience: 'cadre',
  effect: 'changes',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    if (!number) throw new UserError(transferText.usage);
    const args = parseTransferRequestArgs(number.rest, ctx.policy);
    if (!args.ok) throw new UserError(args.error === 'bad_destination' ? `${transferText.badDestination(args.word ?? '')}\n${transferText.usage}` : `${transferText.noDestination}\n${transferText.usage}`);
    const { destination, category, reason } = args.value;
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'transfer' });
    if (destination === 'central') {
      if (!category && !ctx.policy.lifecycle.centralIsolationCategory) throw new UserError(transferText.noCentralCategory);
      if (c.isolationPointId !== null) throw new UserError(transferText.alreadyAtPoint(c.id, (await getIsolationPoint(ctx.db, c.isolationPointId))?.name ?? ''));
    }
    const outcome = await requestTransfer(ctx.db, { case: c, destination, category, reason, alertId: null, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, now: ctx.now, today: ctx.today, timeZone: ctx.timeZone, policy: ctx.policy });
    if (outcome.kind === 'already') throw new UserError(transferText.alreadyUnderway(c.id, outcome.transfer.id, transferText.status[outcome.transfer.status]));
    await ctx.reply(
      transferText.requested({ id: c.id, maskedName: c.nameMasked, destination, limitHours: ctx.policy.transfers.limitHours, taskforce: ctx.policy.routing.transfer, posted: outcome.taskforce }),
    );
  },
});
