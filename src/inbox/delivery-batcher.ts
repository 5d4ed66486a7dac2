import type { Database } from '../db/client';
import { type NewDelivery, storeDeliveries } from './inbox.repository';

export type StoreDelivery = (delivery: NewDelivery) => Promise<boolean>;

interface Waiting {
  delivery: NewDelivery;
  resolve: (isNew: boolean) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for the webhook: deliveries that arrive while an insert is in flight are
 * written together by the next one, so a burst costs one round trip and one commit per
 * batch instead of per delivery. Each caller still learns only after its own row is
 * committed, so the ack Lark gets keeps meaning "stored".
 */
export function createDeliveryBatcher(db: Database, maxBatch = 100): StoreDelivery {
  let waiting: Waiting[] = [];
  let flushing = false;

  async function flush() {
    flushing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const isNew = await storeDeliveries(
          db,
          batch.map((w) => w.delivery),
        );
        batch.forEach((w, i) => w.resolve(isNew[i]!));
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    flushing = false;
  }

  return (delivery) =>
    new Promise<boolean>((resolve, reject) => {
      waiting.push({ delivery, resolve, reject });
      if (!flushing) void flush();
    });
}
