import { progressByPlace } from '../src/db/repositories/duty-days.repository';
import { currentSlot, currentTempSlot } from '../src/domain/duties';
import { canSeeCards, pointsHeld, villagesHeld, visibleVillages } from '../src/domain/permissions';
import { type Place, pointPlace, villagePlace } from '../src/domain/place';
import { dutyText } from '../src/messages/duties';
import { listVillages } from '../src/db/repositories/villages.repository';
import { dayRollcallCard, dayTemps, dayTests, dayVisitsCard } from '../src/services/day-cards';
import { findVillageOrRefuse } from '../src/services/find-village';
import { UserError } from '../src/shared/user-error';
import { type CommandContext, defineCommand } from './define-command';

/**
 * /今日 — today's test card and the current temperature card of the village (or the isolation
 * point); in a village also today's door visits and the roll call of the slot open now, when
 * there are any.
 */
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
    if (place.kind !== 'village') return;
    const visits = await villageProgress(ctx, place, 'visit');
    if (visits) await ctx.replyCard(await dayVisitsCard(ctx.db, { ...day, policy: ctx.policy, known: visits }));
    const rollcallSlot = currentSlot({ slots: ctx.policy.rollCallSlots, now: ctx.now, timeZone: ctx.timeZone });
    const rollcalls = await villageProgress(ctx, place, 'rollcall', rollcallSlot);
    if (rollcalls) await ctx.replyCard(await dayRollcallCard(ctx.db, { ...day, slot: rollcallSlot, policy: ctx.policy, known: rollcalls }));
  },
});

/** How the village's visits (or one roll-call slot) stand today; null when it has none. */
async function villageProgress(ctx: CommandContext, place: Place, kind: 'visit' | 'rollcall', slot?: string): Promise<{ placeName: string; total: number } | null> {
  const found = (await progressByPlace(ctx.db, { by: 'village', date: ctx.today, kind, slot })).find((p) => p.place.id === place.id);
  return found && found.due > 0 ? { placeName: found.placeName, total: found.due } : null;
}

/** The village named, the chat's village or point, or the one place the asker works for. */
async function placeAsked(ctx: CommandContext, named: string): Promise<Place> {
  const binding = ctx.chat.binding;
  if (named) {
    const v = await findVillageOrRefuse(ctx.db, named);
    if (!canSeeCards(ctx.actor, villagePlace(v.id))) throw new UserError(dutyText.toast.onlyVillageStaff);
    return villagePlace(v.id);
  }
  if (binding?.kind === 'village') return villagePlace(binding.villageId);
  if (binding?.kind === 'isolation_point') return pointPlace(binding.pointId);
  const doctorOf = villagesHeld(ctx.actor, 'doctor');
  const medicOf = pointsHeld(ctx.actor);
  if (doctorOf.length === 1) return villagePlace(doctorOf[0]!);
  if (medicOf.length === 1) return pointPlace(medicOf[0]!);
  // HQ and the like: say which village, with a real name to copy.
  const [first] = await listVillages(ctx.db);
  throw new UserError(dutyText.todayUsage(binding?.kind === 'hq' || visibleVillages(ctx.actor) === 'all', first?.name ?? null));
}
