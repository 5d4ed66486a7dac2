import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { migrateDatabase, sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { bindOutboxCipher } from '../../src/outbox/outbox-sealing';
import { claimOutbound } from '../../src/outbox/outbox.repository';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const ID = '110105198503171231';
const card = JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: `王小明 ${ID} 13812345678 幸福路8号` }] } });

// A database as the schema before 0011 made it: every message's content in clear, delivered or not.
describe('migration 0011: outbox content sealed, delivered content dropped', () => {
  const cipher = createDataCipher(crypto.randomBytes(32).toString('base64'));
  let db: TestDatabase;
  const insert = (status: string, op: object) =>
    db.db.execute(sql`insert into outbox (target, operation, status) values ('ou_cadre', ${JSON.stringify(op)}::jsonb, ${status})`);

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0010_teams' });
    await sealLegacyCaseData(db.db, cipher);
    await insert('delivered', { kind: 'reply', messageId: 'om_1', chatId: 'ou_cadre', msgType: 'interactive', content: card });
    await insert('pending', { kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_cadre', msgType: 'interactive', content: card });
    await insert('failed', { kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_cadre', msgType: 'text', content: JSON.stringify({ text: ID }) });
    await insert('pending', { kind: 'file', receiveIdType: 'open_id', receiveId: 'ou_cadre', fileName: 'a.docx', fileType: 'doc', sealedData: cipher.encrypt('UEsDBA==') });
  });
  afterAll(() => db.drop());

  it('leaves no content in clear, keeps what is still to be sent readable, and runs again harmlessly', async () => {
    await migrateDatabase(db, cipher);
    await migrateDatabase(db, cipher);
    const rows = rowsOf<{ id: number; status: string; operation: Record<string, unknown>; content_enc: string | null }>(
      await db.db.execute(sql`select id, status, operation, content_enc from outbox order by id`),
    );
    const dump = JSON.stringify(rows);
    for (const plain of ['王小明', ID, '13812345678', '幸福路8号']) expect(dump).not.toContain(plain);
    expect(rows.map((r) => [r.status, r.operation.kind, r.content_enc === null])).toEqual([
      ['delivered', 'reply', true],
      ['pending', 'send', false],
      ['failed', 'send', false],
      ['pending', 'file', false],
    ]);
    expect(rows[0]!.operation).toEqual({ kind: 'reply', messageId: 'om_1', chatId: 'ou_cadre', msgType: 'interactive' });
    expect(cipher.decrypt(rows[1]!.content_enc!)).toBe(card);
    expect(cipher.decrypt(rows[2]!.content_enc!)).toBe(JSON.stringify({ text: ID }));

    bindOutboxCipher(db.db, cipher);
    const claimed = await claimOutbound(db.db, { limit: 10, now: new Date(), leaseMs: 60_000 });
    expect(claimed.map((c) => c.operation)).toEqual([
      { kind: 'send', receiveIdType: 'open_id', receiveId: 'ou_cadre', msgType: 'interactive', content: card },
    ]);
  });
});
