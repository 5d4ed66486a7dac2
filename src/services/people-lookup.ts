import type { Database } from '../db/client';
import { claimUnnamed, postponeLookup, saveNames } from '../db/repositories/people.repository';
import { LarkCallError, type LarkApi } from '../lark/client';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { cleanName } from './people';

/** Lookups per cycle: Lark's contact API answers one user a call. */
const BATCH = 20;
/** Longer than a batch of calls may take; then a crashed worker's batch is taken again. */
const LEASE_MS = 5 * 60_000;
/** Lark could not answer (down, rate limit): the person is tried again soon, then less often. */
const RETRY_MS = { first: 60_000, max: 60 * 60_000 };
/** Lark answered but gave no name (outside the app's contact range, left the tenant): days apart. */
const NO_NAME_MS = { first: 60 * 60_000, max: 7 * 24 * 60 * 60_000 };
/** After Lark failed, the whole worker waits this long before its next batch. */
const PAUSE_MS = { first: 10_000, max: 5 * 60_000 };
// Lark's codes for a scope the app was not granted (LARK.md §5.7).
const SCOPE_CODES = new Set([99991672, 99991676, 99991679]);

export type PeopleLookup = WorkerLoop & { runOnce(): Promise<number> };

const backoff = (attempts: number, { first, max }: { first: number; max: number }) => Math.min(max, first * 2 ** Math.min(attempts, 20));

/**
 * Names the people the bot met without a name (senders, people shown in /记录 or the ledger)
 * from the contact API. Outside any transaction: a batch is claimed in one statement, each
 * answer saved in its own, so a slow or failing Lark never holds a transaction open.
 */
export function createPeopleLookup(deps: { db: Database; lark: Pick<LarkApi, 'userName'>; now: () => Date; logger: Logger; idleMs: number }): PeopleLookup {
  let pausedUntil = 0;
  let failuresInARow = 0;
  let scopeWarned = false;

  async function lookUp(person: { openId: string; attempts: number }): Promise<'named' | 'no_name' | 'lark_failed'> {
    const now = deps.now();
    try {
      const name = cleanName(await deps.lark.userName(person.openId));
      if (name) {
        await saveNames(deps.db, { names: [{ openId: person.openId, name }], source: 'contact', now });
        return 'named';
      }
      await postponeLookup(deps.db, { openId: person.openId, retryAt: new Date(now.getTime() + backoff(person.attempts, NO_NAME_MS)) });
      return 'no_name';
    } catch (e) {
      const err = e instanceof LarkCallError ? e : null;
      if (err?.code !== undefined && SCOPE_CODES.has(err.code) && !scopeWarned) {
        scopeWarned = true;
        deps.logger.warn({ code: err.code }, 'contact lookup refused: grant the app the scope contact:user.base:readonly in the Lark console');
      }
      const permanent = err?.kind === 'permanent';
      await postponeLookup(deps.db, { openId: person.openId, retryAt: new Date(now.getTime() + backoff(person.attempts, permanent ? NO_NAME_MS : RETRY_MS)) });
      deps.logger.info({ err: e instanceof Error ? e.message : String(e), attempts: person.attempts + 1 }, 'contact lookup failed');
      return permanent ? 'no_name' : 'lark_failed';
    }
  }

  async function runOnce(): Promise<number> {
    if (deps.now().getTime() < pausedUntil) return 0;
    const batch = await claimUnnamed(deps.db, { now: deps.now(), limit: BATCH, leaseMs: LEASE_MS });
    let done = 0;
    for (const person of batch) {
      if ((await lookUp(person)) === 'lark_failed') {
        // The rest of the batch keeps its lease and is taken again when it runs out.
        pausedUntil = deps.now().getTime() + backoff(failuresInARow++, PAUSE_MS);
        return 0;
      }
      failuresInARow = 0;
      done++;
    }
    return done;
  }

  return { runOnce, ...createWorkerLoop({ name: 'people-lookup', cycle: runOnce, idleMs: deps.idleMs, logger: deps.logger }) };
}
