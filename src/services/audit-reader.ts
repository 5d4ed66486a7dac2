import type { Database } from '../db/client';
import { listVillages } from '../db/repositories/villages.repository';
import type { Policy } from '../domain/policy';
import { type AuditReading, peopleInAudit } from '../messages/audit';
import { createNameBook } from './people';

/**
 * Reads audit entries for people (/记录, the ledger's 操作记录): the names of the people they
 * name, loaded a page at a time and kept, and the villages.
 */
export async function createAuditReader(db: Database, policy: Policy) {
  const names = createNameBook(db);
  const villages = new Map((await listVillages(db)).map((v) => [v.id, v.name]));
  const reading: AuditReading = { policy, person: names.get, village: (id) => villages.get(id) };
  return {
    reading,
    names,
    /** Loads the names of the actors and of everyone the entries' values name. */
    load: (entries: readonly { actorOpenId: string; before: unknown; after: unknown }[]) =>
      names.load(entries.flatMap((e) => [e.actorOpenId, ...peopleInAudit(e)])),
  };
}
