import { z } from 'zod';

/** What every village-day card button carries, so the handler can rebuild the card it came from. */
export const VillageDayValue = z.object({
  villageId: z.number().int(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  page: z.number().int().min(0).default(0),
});

export const AlertValue = z.object({ alertId: z.number().int() });
