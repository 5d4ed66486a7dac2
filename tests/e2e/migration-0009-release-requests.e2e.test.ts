import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0009 made it: a release proposal was only an audit row.
describe('migration 0009: release proposals become release requests', () => {
  let db: TestDatabase;
  const audit = (caseId: number, action: string, actor: string, at: string, chat: string | null = 'oc_village') =>
    db.db.execute(sql`insert into audit_log (at, actor_open_id, chat_id, action, case_id) values (${at}::timestamptz, ${actor}, ${chat}, ${action}, ${caseId})`);

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0008_people_and_chat_members' });
    await sealLegacyCaseData(db.db, createDataCipher(crypto.randomBytes(32).toString('base64')));
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    const kase = (n: number, status: string, endedAt: string | null) => sql`
      insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                         registered_by, registered_in_chat, status, ended_at)
      values (1, 'v1:x', '王*', ${`n${n}`}, 'v1:y', ${`h${n}`}, 'v1:z', 'male', 'home_isolation', '2026-11-16', '2026-11-22', 'ou_cadre', 'oc_village', ${status}, ${endedAt}::timestamptz)`;
    await db.db.execute(kase(1, 'active', null)); // proposed, waiting
    await db.db.execute(kase(2, 'released', '2026-11-22T16:00:00+08:00')); // proposed, then released by a lead
    await db.db.execute(kase(3, 'active', null)); // proposed, transferred, back and active again
    await db.db.execute(kase(4, 'closed', '2026-11-23T10:00:00+08:00')); // proposed, then closed
    await db.db.execute(kase(5, 'active', null)); // never proposed
    await audit(1, 'case.release_proposed', 'ou_cadre1', '2026-11-22T15:00:00+08:00');
    await audit(2, 'case.release_proposed', 'ou_cadre2', '2026-11-22T15:00:00+08:00');
    await audit(2, 'case.release', 'ou_lead', '2026-11-22T16:00:00+08:00', 'oc_hq');
    await audit(3, 'case.release_proposed', 'ou_cadre3', '2026-11-22T15:00:00+08:00');
    await audit(3, 'case.transfer', 'ou_cadre3', '2026-11-22T17:00:00+08:00');
    await audit(3, 'case.return', 'ou_cadre3', '2026-11-24T09:00:00+08:00');
    await audit(4, 'case.release_proposed', 'ou_cadre4', '2026-11-22T15:00:00+08:00', null);
    await audit(4, 'case.close', 'ou_cadre4', '2026-11-23T10:00:00+08:00');
    await audit(5, 'case.register', 'ou_cadre5', '2026-11-16T09:00:00+08:00');
  });
  afterAll(() => db.drop());

  it('keeps who proposed where and when, and what came of it; one request waits per case', async () => {
    await db.migrate();
    const rows = rowsOf<{ case_id: number; proposed_by: string; chat_id: string | null; status: string; decided_by: string | null; decided_at: Date | string | null; card_copies: unknown }>(
      await db.db.execute(sql`select case_id, proposed_by, chat_id, status, decided_by, decided_at, card_copies from release_requests order by case_id`),
    );
    const when = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
    expect(rows.map((r) => [r.case_id, r.proposed_by, r.chat_id, r.status, r.decided_by, when(r.decided_at)])).toEqual([
      [1, 'ou_cadre1', 'oc_village', 'pending', null, null],
      [2, 'ou_cadre2', 'oc_village', 'approved', 'ou_lead', '2026-11-22T08:00:00.000Z'],
      [3, 'ou_cadre3', 'oc_village', 'cancelled', 'ou_cadre3', '2026-11-22T09:00:00.000Z'],
      [4, 'ou_cadre4', null, 'cancelled', 'ou_cadre4', '2026-11-23T02:00:00.000Z'],
    ]);
    expect(rows.every((r) => Array.isArray(r.card_copies) && r.card_copies.length === 0)).toBe(true);
    await expect(db.db.execute(sql`insert into release_requests (case_id, proposed_by) values (1, 'ou_again')`)).rejects.toThrow();
  });
});
