import { writeAudit } from '../src/db/repositories/audit.repository';
import { deleteDeliveredOutbox, deleteLeftovers, deleteProcessedInbox, purgeEndedCases } from '../src/db/repositories/retention.repository';
import { defineJob } from './define-job';

// The job acts for the policy, not for a person.
const SYSTEM_ACTOR = 'system';
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/**
 * Nightly: deletes what the policy's `retention:` keeps no longer (docs/privacy.md) —
 * processed deliveries, delivered messages, sealed leftovers — and removes the personal data
 * of cases ended longer ago than closedCaseDays, each such case recorded in its trail.
 */
export const retention = defineJob({
  name: 'retention',
  times: (policy) => policy.schedule.retention,
  description: 'deletes processed deliveries, delivered messages and sealed leftovers past the policy’s days; purges personal data of cases ended long ago',
  // Nothing waits on it: a night missed by a restart is done that morning, later by the next night.
  usefulMinutes: 6 * 60,
  async run(ctx) {
    const days = ctx.policy.retention;
    const inbox = await deleteProcessedInbox(ctx.db, daysBefore(ctx.now, days.processedInboxDays));
    const outbox = await deleteDeliveredOutbox(ctx.db, daysBefore(ctx.now, days.deliveredOutboxDays));
    const leftovers = await deleteLeftovers(ctx.db, daysBefore(ctx.now, days.leftoverDays));
    const purged = await purgeEndedCases(ctx.db, { before: daysBefore(ctx.now, days.closedCaseDays), now: ctx.now });
    for (const caseId of purged) {
      await writeAudit(ctx.db, { at: ctx.now, actorOpenId: SYSTEM_ACTOR, chatId: null, action: 'case.purge', caseId, after: { retentionDays: days.closedCaseDays } });
    }
    return { inbox, outbox, ...leftovers, purgedCases: purged.length };
  },
});
