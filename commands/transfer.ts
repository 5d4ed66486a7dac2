import { parseTransferArgs } from '../src/domain/lifecycle-args';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { endCase } from '../src/services/end-case';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import { defineCommand } from './define-command';

/** /转运 #12 集中隔离|医院 [地点] [原因]: the person leaves home management; /返回 brings them back. */
export const transfer = defineCommand({
  name: 'transfer',
  aliases: ['转运'],
  audience: 'cadre',
  async run(ctx, argText) {
    const number = readCaseNumber(argText);
    if (!number) throw new UserError(lifecycleText.usage.transfer);
    const args = parseTransferArgs(number.rest);
    if (!args.ok) {
      throw new UserError(args.error === 'bad_destination' ? lifecycleText.transferBadDestination(args.word ?? '') : `${lifecycleText.transferNoDestination}\n${lifecycleText.usage.transfer}`);
    }
    const { destination, place, reason } = args.value;
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'transfer' });
    await endCase(ctx.db, {
      case: c,
      status: 'transferred',
      endReason: lifecycleText.destinationLabel[destination],
      endNote: place,
      auditAction: 'case.transfer',
      auditAfter: { destination: lifecycleText.destinationLabel[destination], place },
      reason,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      now: ctx.now,
      today: ctx.today,
    });
    await ctx.reply(lifecycleText.transferred({ id: c.id, maskedName: c.nameMasked, destination, place }));
  },
});
