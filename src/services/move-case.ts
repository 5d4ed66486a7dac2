import type { Database } from '../db/client';
import { writeAudit } from '../db/repositories/audit.repository';
import type { CaseRecord } from '../db/repositories/cases.repository';
import type { IsolationPoint } from '../db/repositories/isolation-points.repository';
import type { IsoDate } from '../domain/dates';
import type { Period } from '../domain/period';
import type { Category, Policy } from '../domain/policy';
import { lifecycleText } from '../messages/lifecycle';
import { postText } from './post-to-chats';
import { chatsBoundTo } from './recipients';
import { replanCase } from './replan-case';

interface MoveContext {
  db: Database;
  actorOpenId: string;
  chatId: string | null;
  policy: Policy;
  timeZone: string;
  today: IsoDate;
  now: Date;
}

/**
 * An active case goes to an isolation point (/转运 … 集中隔离 县隔离酒店): the same case and
 * history, a new phase under the central isolation category from today, its work done by the
 * point's staff ("原则上集中隔离人员采样由隔离场所医务人员负责", 001 篇二 §8). The point's group
 * hears of the newcomer; the village keeps seeing the case.
 */
export async function moveCaseToPoint(ctx: MoveContext, input: { case: CaseRecord; point: IsolationPoint; category: Category; reason: string | null }): Promise<Period> {
  const c = input.case;
  const period = await replanCase(
    ctx.db,
    { case: c, category: input.category, startDate: ctx.today, extensionDays: 0, extra: { isolationPointId: input.point.id }, pointId: input.point.id },
    ctx,
  );
  await writeAudit(ctx.db, {
    at: ctx.now,
    actorOpenId: ctx.actorOpenId,
    chatId: ctx.chatId,
    action: 'case.move',
    caseId: c.id,
    before: { category: c.category, startDate: c.startDate, endDate: c.endDate },
    after: { point: input.point.name, category: input.category.code, startDate: period.startDate, endDate: period.endDate },
    reason: input.reason,
  });
  const line = lifecycleText.arrivedAtPoint({ id: c.id, maskedName: c.nameMasked, village: c.villageName, category: input.category.name, startDate: period.startDate, endDate: period.endDate });
  await postText(ctx.db, await chatsBoundTo(ctx.db, { kind: 'isolation_point', pointId: input.point.id }), line);
  return period;
}

/**
 * A case at an isolation point comes back to its village (/转回居家, or its category's next
 * phase is at home): the point's work from today on is replanned to the village under the
 * given category; both groups are told.
 */
export async function moveCaseHome(ctx: MoveContext, input: { case: CaseRecord; pointName: string; category: Category; startDate: IsoDate; reason: string | null }): Promise<Period> {
  const c = input.case;
  const period = await replanCase(ctx.db, { case: c, category: input.category, startDate: input.startDate, extensionDays: 0, extra: { isolationPointId: null }, pointId: null }, ctx);
  await writeAudit(ctx.db, {
    at: ctx.now,
    actorOpenId: ctx.actorOpenId,
    chatId: ctx.chatId,
    action: 'case.move',
    caseId: c.id,
    before: { point: input.pointName, category: c.category },
    after: { village: c.villageName, category: input.category.code, startDate: period.startDate, endDate: period.endDate },
    reason: input.reason,
  });
  await announceHome(ctx.db, { case: c, pointId: c.isolationPointId, pointName: input.pointName, category: input.category.name, endDate: period.endDate });
  return period;
}

/** Tells the village and the point that a person left the point for home management. */
export async function announceHome(db: Database, input: { case: CaseRecord; pointId: number | null; pointName: string; category: string; endDate: IsoDate }): Promise<void> {
  const c = input.case;
  const line = lifecycleText.backHome({ id: c.id, maskedName: c.nameMasked, village: c.villageName, point: input.pointName, category: input.category, endDate: input.endDate });
  const chats = [...(await chatsBoundTo(db, { kind: 'village', villageId: c.villageId })), ...(input.pointId === null ? [] : await chatsBoundTo(db, { kind: 'isolation_point', pointId: input.pointId }))];
  await postText(db, chats, line);
}
