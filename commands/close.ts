import { parseCloseArgs } from '../src/domain/lifecycle-args';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { endCase } from '../src/services/end-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

/** /关闭 #12 迁出|误登记|死亡|其他 说明: the record ends for a reason other than release or transfer. */
export const close = defineCommand({
  name: 'close',
  aliases: ['关闭', '销案'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '关闭');
    if (!number) throw new UserError(lifecycleText.usage.close);
    const args = parseCloseArgs(number.rest);
    if (!args.ok) {
      const why =
        args.error === 'bad_reason'
          ? lifecycleText.closeBadReason(args.word ?? '')
          : args.error === 'other_needs_note'
            ? lifecycleText.closeOtherNeedsNote(number.id)
            : `${lifecycleText.closeNoReason}\n${lifecycleText.usage.close}`;
      throw new UserError(why);
    }
    const { reason, note } = args.value;
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'close' });
    await endCase(ctx.db, {
      case: c,
      status: 'closed',
      endReason: reason,
      endNote: note,
      auditAction: 'case.close',
      auditAfter: { closeReason: reason, note },
      reason: note,
      actorOpenId: ctx.actor.openId,
      chatId: ctx.chat.chatId,
      now: ctx.now,
      today: ctx.today,
      // A record made by mistake never owed any work: nothing of it counts as missed.
      cancelFrom: reason === '误登记' ? c.startDate : ctx.today,
      transferView: { now: ctx.now, timeZone: ctx.timeZone, policy: ctx.policy },
    });
    await ctx.reply(lifecycleText.closed({ id: c.id, maskedName: c.nameMasked, reason, note }));
  },
});
