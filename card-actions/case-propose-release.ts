import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { getCase } from '../src/db/repositories/cases.repository';
import { auditLog } from '../src/db/schema';
import { isTownshipWide } from '../src/domain/permissions';
import { caseText } from '../src/messages/cases';
import { releaseText } from '../src/messages/release';
import { releaseCandidates } from '../src/services/release-due';
import { defineCardAction } from './define-card-action';

/**
 * 解除 on 「到期解除」: a lead's decision to release. The release itself (status, duties,
 * notices) belongs to the case lifecycle; until then the decision is recorded and audited.
 */
export const caseProposeRelease = defineCardAction({
  action: 'case.proposeRelease',
  value: z.object({ caseId: z.number().int() }),
  async run(ctx, value) {
    if (!isTownshipWide(ctx.actor)) return { toast: { type: 'error', content: releaseText.toast.onlyLead } };
    const c = await getCase(ctx.db, value.caseId);
    if (!c || c.status !== 'active') return { toast: { type: 'warning', content: releaseText.toast.notActive(value.caseId, caseText.status[c?.status ?? 'closed']) } };
    const candidate = (await releaseCandidates(ctx.db, { date: ctx.today, policy: ctx.policy })).find((r) => r.id === c.id);
    if (!candidate) return { toast: { type: 'warning', content: releaseText.toast.notEnded(c.id, c.endDate) } };
    if (candidate.blockers.length) return { toast: { type: 'warning', content: releaseText.toast.notReady(c.id, releaseText.blockers(candidate.blockers)) } };
    const earlier = await ctx.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.caseId, c.id), eq(auditLog.action, 'case.release_proposed')));
    if (earlier.length) return { toast: { type: 'info', content: releaseText.toast.alreadyProposed(c.id) } };
    await writeAudit(ctx.db, { actorOpenId: ctx.actor.openId, chatId: ctx.chatId, action: 'case.release_proposed', caseId: c.id, after: { endDate: c.endDate } });
    return { toast: { type: 'success', content: releaseText.toast.proposed(c.id) } };
  },
});
