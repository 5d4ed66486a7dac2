import { getIsolationPoint, listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { parseTransferArgs } from '../src/domain/lifecycle-args';
import { categoryByCode } from '../src/domain/policy';
import { adminText } from '../src/messages/admin';
import { caseText } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { caseForAction } from '../src/services/case-for-action';
import { endCase } from '../src/services/end-case';
import { moveCaseToPoint } from '../src/services/move-case';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { type CommandContext, defineCommand } from './define-command';

/**
 * /转运 #12 集中隔离 县隔离酒店 [原因]: the case moves to the isolation point and continues there;
 * /转运 #12 医院 [地点] [原因]: the person leaves management (/返回 brings them back).
 */
export const transfer = defineCommand({
  name: 'transfer',
  aliases: ['转运'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '转运');
    if (!number) throw new UserError(lifecycleText.usage.transfer);
    const args = parseTransferArgs(number.rest);
    if (!args.ok) {
      throw new UserError(args.error === 'bad_destination' ? lifecycleText.transferBadDestination(args.word ?? '') : `${lifecycleText.transferNoDestination}\n${lifecycleText.usage.transfer}`);
    }
    const { destination, place, reason } = args.value;
    const c = await caseForAction(ctx.db, { id: number.id, actor: ctx.actor, action: 'transfer' });
    if (destination === 'central') return toIsolationPoint(ctx, c, place, reason);
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
      transferView: { now: ctx.now, timeZone: ctx.timeZone, policy: ctx.policy },
    });
    await ctx.reply(lifecycleText.transferred({ id: c.id, maskedName: c.nameMasked, destination, place }));
  },
});

/** The point named (or the township's only one); the case keeps its history and goes on there. */
async function toIsolationPoint(ctx: CommandContext, c: Awaited<ReturnType<typeof caseForAction>>, place: string | null, reason: string | null) {
  const central = ctx.policy.lifecycle.centralIsolationCategory;
  const points = await listIsolationPoints(ctx.db);
  if (!central || points.length === 0) throw new UserError(caseText.noPoints('集中隔离'));
  const point = place ? points.find((p) => p.name === place) : points.length === 1 ? points[0] : undefined;
  if (place && !point) throw new UserError(adminText.unknownPoint(place, points.map((p) => p.name)));
  if (!point) throw new UserError(caseText.pointNeeded('集中隔离', points.map((p) => p.name)));
  if (c.isolationPointId !== null) throw new UserError(lifecycleText.transferAlreadyAtPoint(c.id, (await getIsolationPoint(ctx.db, c.isolationPointId))?.name ?? point.name));
  const period = await moveCaseToPoint(
    { db: ctx.db, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, policy: ctx.policy, timeZone: ctx.timeZone, today: ctx.today, now: ctx.now },
    { case: c, point, category: categoryByCode(ctx.policy, central), reason },
  );
  await ctx.reply(lifecycleText.movedToPoint({ id: c.id, maskedName: c.nameMasked, point: point.name, startDate: period.startDate, endDate: period.endDate }));
}
