import { z } from 'zod';

/**
 * A row id as our buttons carry it: a positive Postgres integer. A tampered value outside
 * the range used to reach the query and fail it (HTTP 500, issue 11 finding 10).
 */
export const Id = z.number().int().min(1).max(2_147_483_647);

/** A calendar date (YYYY-MM-DD) that exists, in the years the bot can have made a card for. */
export const CardDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2100;
  }, 'not a date');

const PlaceDayFields = z.object({
  villageId: Id.optional(),
  pointId: Id.optional(),
  date: CardDate,
  page: z.number().int().min(0).max(10_000).default(0),
});

const onePlace = (v: { villageId?: number; pointId?: number }) => (v.villageId === undefined) !== (v.pointId === undefined);

/**
 * What every day-card button carries, so the handler can rebuild the card it came from: the
 * place (a village's own work, or an isolation point's: exactly one of the two ids), the
 * date, the page, and the action's own fields.
 */
export function placeDayValue<T extends z.ZodRawShape>(fields: T) {
  return PlaceDayFields.extend(fields).refine(onePlace, { message: 'a village or an isolation point' });
}

export const PlaceDayValue = placeDayValue({});

export const AlertValue = z.object({ alertId: Id });

/** A slot name as the cards carry it (上午, 下午, a roll call's time). */
export const Slot = z.string().max(20);
