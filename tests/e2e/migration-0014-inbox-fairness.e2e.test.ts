import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { lockNextDelivery, storeDeliveries } from '../../src/inbox/inbox.repository';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before the inbox-fairness migration (0014) made it: deliveries waiting, with no chat and no turn.
describe('migration 0014: inbox fairness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0010_teams' });
    await db.db.execute(sql`insert into inbox (event_id, message_id, event_type, payload_enc) values ('ev_a', 'om_a', 'im.message.receive_v1', 'v1:x'), ('ev_b', 'om_b', 'im.message.receive_v1', 'v1:y')`);
    await db.db.execute(sql`insert into inbox (event_id, event_type, status) values ('ev_done', 'im.message.receive_v1', 'done')`);
  });
  afterAll(() => db.drop());

  it('keeps waiting deliveries first in line, ahead of anything stored after the upgrade', async () => {
    await db.migrate();
    const rows = rowsOf<{ event_id: string; turn: string | number; chat_key: string | null }>(await db.db.execute(sql`select event_id, turn, chat_key from inbox order by id`));
    expect(rows.map((r) => [r.event_id, Number(r.turn), r.chat_key])).toEqual([
      ['ev_a', 0, null],
      ['ev_b', 0, null],
      ['ev_done', 0, null],
    ]);
    await storeDeliveries(db.db, [{ eventId: 'ev_new', messageId: 'om_new', eventType: 'im.message.receive_v1', payloadEnc: 'v1:z', chatKey: 'oc_1', senderKey: 'ou_1' }]);
    const order: string[] = [];
    for (;;) {
      const next = await db.db.transaction(async (tx) => {
        const row = await lockNextDelivery(tx, new Date());
        if (row) await tx.execute(sql`update inbox set status = 'done' where id = ${row.id}`);
        return row;
      });
      if (!next) break;
      order.push(next.payloadEnc!);
    }
    expect(order).toEqual(['v1:x', 'v1:y', 'v1:z']);
  });
});
