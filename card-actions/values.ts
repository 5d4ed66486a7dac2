import { z } from 'zod';

const PlaceDayFields = z.object({
  villageId: z.number().int().optional(),
  pointId: z.number().int().optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  page: z.number().int().min(0).default(0),
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

export const AlertValue = z.object({ alertId: z.number().int() });
