import { currentTempSlot } from '../src/domain/duties';
import { canActForVillage, isTownshipWide } from '../src/domain/permissions';
import { type Place, pointPlace, villagePlace } from '../src/domain/place';
import { dutyText } from '../src/messages/duties';
import { listVillages } from '../src/db/repositories/villages.repository';
import { dayTemps, dayTests } from '../src/services/day-cards';
import { findVillageOrRefuse } from '../src/services/find-village';
import { UserError } from '../src/shared/user-error';
import { type CommandContext, defineCommand } from './define-command';

/** /今日 — today's test card and the current temperature card of the village (or the isolation point). */
export const today = defineCommand({
  name: 'today',
  aliases: ['今日', '今天'],
  effect: 'reads',
  audience: 'cadre',
  async run(ctx, argText) {
    const place = await placeAsked(ctx, argText.trim());
    const slot = currentTempSlot({ policy: ctx.policy, now: ctx.now, timeZone: ctx.timeZone });
    const day = { place, date: ctx.today, page: 0, timeZone: ctx.timeZone };
    // No empty cards: a day without work is a line that says so, with nothing to press.
    const tests = await dayTests(ctx.db, day);
    const temps = await dayTemps(ctx.db, { ...day, slot, policy: ctx.policy });
    const empty: string[] = [];
    if (tests.total > 0) await ctx.replyCard(tests.card);
    else empty.push(dutyText.noTestsToday(tests.placeName));
    if (temps.total > 0) await ctx.replyCard(temps.card);
    else empty.push(dutyText.noTempsToday(temps.placeName, temps.slotLabel));
    if (empty.length) await ctx.reply(empty.join('\n'));
  },
});

/** The village named, the chat's village or point, or the one place the asker works for. */
async function placeAsked(ctx: CommandContext, named: string): Promise<Place> {
  const binding = ctx.chat.binding;
  if (named) {
    const v = await findVillageOrRefuse(ctx.db, named);
    if (!isTownshipWide(ctx.actor) && !ctx.actor.isSampler && !canActForVillage(ctx.actor, v.id)) throw new UserError(dutyText.toast.onlyVillageStaff);
    return villagePlace(v.id);
  }
  if (binding?.kind === 'village') return villagePlace(binding.villageId);
  if (binding?.kind === 'isolation_point') return pointPlace(binding.pointId);
  if (ctx.actor.doctorOf.length === 1) return villagePlace(ctx.actor.doctorOf[0]!);
  if (ctx.actor.medicOf.length === 1) return pointPlace(ctx.actor.medicOf[0]!);
  // HQ and the like: say which village, with a real name to copy.
  const [first] = await listVillages(ctx.db);
  throw new UserError(dutyText.todayUsage(binding?.kind === 'hq' || isTownshipWide(ctx.actor), first?.name ?? null));
}
