import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { createDeliveryBatcher } from '../../src/inbox/delivery-batcher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const delivery = (eventId: string, messageId: string | null = `om_${eventId}`) => ({
  eventId,
  messageId,
  eventType: 'im.message.receive_v1',
  payloadEnc: 'sealed',
});

describe('delivery batcher (group commit of webhook inserts)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  async function storedEventIds(prefix: string): Promise<string[]> {
    const rows = rowsOf<{ event_id: string }>(
      await db.db.execute(sql`select event_id from inbox where event_id like ${`${prefix}%`} order by event_id`),
    );
    return rows.map((r) => r.event_id);
  }

  it('stores a burst of concurrent deliveries, each caller told it is new', async () => {
    const store = createDeliveryBatcher(db.db);
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => store(delivery(`burst_${String(i).padStart(2, '0')}`))));
    expect(results.every((r) => r === true)).toBe(true);
    expect(await storedEventIds('burst_')).toHaveLength(50);
  });

  it('tells a redelivery in the same batch, or of a stored one, that it is not new', async () => {
    const store = createDeliveryBatcher(db.db);
    const first = await Promise.all([store(delivery('dup_a')), store(delivery('dup_a')), store(delivery('dup_b', 'om_shared')), store(delivery('dup_c', 'om_shared'))]);
    expect(first).toEqual([true, false, true, false]);
    expect(await store(delivery('dup_a'))).toBe(false);
    expect(await storedEventIds('dup_')).toEqual(['dup_a', 'dup_b']);
  });

  it('fails every caller of a failed batch and keeps working for the next', async () => {
    const store = createDeliveryBatcher(db.db);
    const bad = { ...delivery('bad_1'), eventType: null as unknown as string };
    const outcomes = await Promise.allSettled([store(delivery('bad_0')), store(bad)]);
    // The first flushes alone; the second fails on its own not-null column.
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect(await store(delivery('bad_2'))).toBe(true);
    expect(await storedEventIds('bad_')).toEqual(['bad_0', 'bad_2']);
  });
});
