import { listCasesAtPoints, updateCase } from '../src/db/repositories/cases.repository';
import { getIsolationPointsByIds } from '../src/db/repositories/isolation-points.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { caseCategory } from '../src/domain/lifecycle';
import { phaseOn } from '../src/domain/phase-at';
import { categoryByCode } from '../src/domain/policy';
import { announceHome } from '../src/services/move-case';
import { defineJob } from './define-job';

// The job acts for the plan, not for a person.
const SYSTEM_ACTOR = 'system';

/**
 * Mornings: a case whose category's next phase is at home (入境 "7天集中隔离医学观察+3天居家健康
 * 监测", 001 篇二 §4) leaves its isolation point by itself when that phase begins. Its home
 * phase's work was planned for the village from the start; the case now counts as in its
 * village, and both groups are told.
 */
export const phaseMove = defineJob({
  name: 'phase-move',
  times: (policy) => policy.schedule['phase-move'],
  description: 'cases whose next phase is at home leave their isolation point that morning; the village and the point are told',
  usefulMinutes: 600,
  async run(ctx) {
    const atPoints = await listCasesAtPoints(ctx.db);
    const names = new Map((await getIsolationPointsByIds(ctx.db, [...new Set(atPoints.map((c) => c.isolationPointId!))])).map((p) => [p.id, p.name]));
    let moved = 0;
    for (const c of atPoints) {
      const category = caseCategory(categoryByCode(ctx.policy, c.category), c.extensionDays, ctx.policy);
      const phase = phaseOn(category, c.startDate, ctx.today);
      if (phase?.managedAt !== 'village') continue;
      await updateCase(ctx.db, c.id, { isolationPointId: null }, ctx.now);
      const pointName = names.get(c.isolationPointId!) ?? '';
      await writeAudit(ctx.db, { at: ctx.now, actorOpenId: SYSTEM_ACTOR, chatId: null, action: 'case.move', caseId: c.id, before: { point: pointName }, after: { village: c.villageName, phase: phase.label } });
      await announceHome(ctx.db, { case: c, pointId: c.isolationPointId, pointName, category: phase.label, endDate: c.endDate });
      moved++;
    }
    return { atPoints: atPoints.length, moved };
  },
});
