import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/rows';
import { sealLegacyCaseData } from '../../src/db/seal-legacy-case-data';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

// A database as the schema before 0011 made it: an alert's 转运 only marked the alert.
describe('migration 0011: alerts marked for transfer become transfers waiting to be done', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ upTo: '0010_teams' });
    await sealLegacyCaseData(db.db, createDataCipher(crypto.randomBytes(32).toString('base64')));
    await db.db.execute(sql`insert into villages (name, created_by) values ('东风村', 'ou_admin')`);
    const kase = (n: number, status: string) => sql`
      insert into cases (village_id, name_enc, name_masked, name_hash, id_number_enc, id_number_hash, phone_enc, sex, category, start_date, end_date,
                         registered_by, registered_in_chat, status)
      values (1, 'v1:x', '王*', ${`n${n}`}, 'v1:y', ${`h${n}`}, 'v1:z', 'male', 'home_isolation', '2026-11-16', '2026-11-22', 'ou_cadre', 'oc_village', ${status})`;
    const alert = (caseId: number, kind: string, marked: string | null) => sql`
      insert into case_alerts (case_id, village_id, kind, opened_by, opened_at, transfer_requested_at, transfer_requested_by)
      values (${caseId}, 1, ${kind}, 'ou_doctor', '2026-11-20T08:00:00+08:00', ${marked}::timestamptz, ${marked === null ? null : 'ou_cadre'})`;
    await db.db.execute(kase(1, 'active')); // fever marked, then positive marked: the later one is the transfer
    await db.db.execute(kase(2, 'transferred')); // marked and already transferred by /转运
    await db.db.execute(kase(3, 'active')); // an alert never marked
    await db.db.execute(alert(1, 'fever', '2026-11-20T09:00:00+08:00'));
    await db.db.execute(alert(1, 'positive', '2026-11-21T09:00:00+08:00'));
    await db.db.execute(alert(2, 'fever', '2026-11-20T09:00:00+08:00'));
    await db.db.execute(alert(3, 'symptom', null));
  });
  afterAll(() => db.drop());

  it('keeps who asked and when, one transfer per active case; a second open transfer is refused', async () => {
    await db.migrate();
    const rows = rowsOf<{ case_id: number; destination: string; reason: string; alert_id: number; status: string; requested_by: string; requested_at: Date | string; warned_hours: number }>(
      await db.db.execute(sql`select case_id, destination, reason, alert_id, status, requested_by, requested_at, warned_hours from transfers order by case_id`),
    );
    expect(rows.map((r) => [r.case_id, r.destination, r.reason, r.alert_id, r.status, r.requested_by, new Date(r.requested_at).toISOString(), r.warned_hours])).toEqual([
      [1, 'hospital', '核酸阳性', 2, 'requested', 'ou_cadre', '2026-11-21T01:00:00.000Z', 0],
    ]);
    await expect(db.db.execute(sql`insert into transfers (case_id, destination, requested_by, requested_at) values (1, 'central', 'ou_again', now())`)).rejects.toThrow();
    await db.db.execute(sql`insert into transfers (case_id, destination, requested_by, requested_at) values (3, 'central', 'ou_cadre', now())`);
  });
});
