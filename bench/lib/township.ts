import crypto from 'node:crypto';
import { openPostgres } from '../../src/db/client';
import { addVillages, listVillages } from '../../src/db/repositories/villages.repository';
import { loadPolicy } from '../../src/domain/policy';
import { bindOutboxCipher } from '../../src/outbox/outbox-sealing';
import { createDataCipher } from '../../src/shared/data-cipher';
import { createBenchDatabase } from './db';

/**
 * A migrated bench database with the default policy, a data key and the villages added: what
 * a benchmark of the township's work starts from. `close` drops what it made.
 */
export async function openBenchTownship(prefix: string, villageNames: string[]) {
  const bench = await createBenchDatabase(prefix);
  const handle = openPostgres(bench.url, { max: 4 });
  await handle.migrate();
  const db = handle.db;
  const cipher = createDataCipher(crypto.randomBytes(32).toString('base64'));
  // What the work owes people goes to the outbox, which seals it with the data key.
  bindOutboxCipher(db, cipher);
  await addVillages(db, villageNames, 'ou_bench');
  return {
    db,
    policy: loadPolicy(),
    cipher,
    villages: await listVillages(db),
    async close() {
      await handle.close();
      await bench.drop();
    },
  };
}
