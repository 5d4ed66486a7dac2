import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0008 made it: people known only by open_id, in grants and in the trail.
describe('migration 0008: people and chat members', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0007_isolation_points' });
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    await db.db.execute(sql`insert into role_grants (open_id, role, village_id, granted_by) values ('ou_doctor', 'doctor', 1, 'ou_admin'), ('ou_lead', 'lead', null, 'ou_admin')`);
    await db.db.execute(sql`
      insert into audit_log (actor_open_id, chat_id, action, case_id) values
        ('ou_cadre', 'oc_village', 'case.register', 1), ('ou_cadre', 'oc_village', 'case.edit', 1),
        ('ou_doctor', 'oc_village', 'duty.sampled', 1), ('ou_admin', null, 'village.add', null), ('cli_system', null, 'village.add', null)`);
    await db.migrate();
  });
  afterAll(() => db.drop());

  it('queues everyone granted a role or acting in the trail for the contact lookup, once each', async () => {
    const rows = rowsOf<{ open_id: string; name: string | null; lookup_attempts: number; lookup_due_at: string | null }>(
      await db.db.execute(sql`select open_id, name, lookup_attempts, lookup_due_at from people order by open_id`),
    );
    expect(rows.map((r) => r.open_id)).toEqual(['ou_admin', 'ou_cadre', 'ou_doctor', 'ou_lead']);
    expect(rows.every((r) => r.name === null && r.lookup_attempts === 0 && r.lookup_due_at === null)).toBe(true);
  });

  it('makes chat_members with one row per chat and person', async () => {
    await db.db.execute(sql`insert into chat_members (chat_id, open_id, seen_at) values ('oc_village', 'ou_cadre', now())`);
    await expect(db.db.execute(sql`insert into chat_members (chat_id, open_id, seen_at) values ('oc_village', 'ou_cadre', now())`)).rejects.toThrow();
  });
});
