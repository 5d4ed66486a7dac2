import { inArray } from 'drizzle-orm';
import { type AuditRow, listCaseAudit } from '../src/db/repositories/audit.repository';
import { getCase } from '../src/db/repositories/cases.repository';
import { chatBindings, roleGrants } from '../src/db/schema';
import type { Database } from '../src/db/client';
import { pageNumber } from '../src/domain/lifecycle-args';
import { canViewVillage } from '../src/domain/permissions';
import { auditText, describeAuditChange } from '../src/messages/audit';
import { echo } from '../src/messages/echo';
import { caseText, formatDateTime } from '../src/messages/cases';
import { lifecycleText } from '../src/messages/lifecycle';
import { peopleText } from '../src/messages/people';
import { createAuditReader } from '../src/services/audit-reader';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

const PAGE_SIZE = 15;

/** /记录 #12 [第2页]: the case's audit trail, newest first — who did what, when, and why. */
export const history = defineCommand({
  name: 'history',
  aliases: ['记录', '历史', '操作记录'],
  effect: 'reads',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '记录');
    const page = number?.rest.length ? pageNumber(number.rest[0]!) : 1;
    if (!number || page === null || page < 1) throw new UserError(lifecycleText.usage.history);
    const c = await getCase(ctx.db, number.id);
    if (!c) throw new UserError(caseText.notFound(number.id));
    if (!canViewVillage(ctx.actor, c.villageId)) throw new UserError(caseText.notFound(number.id));

    const { rows, total } = await listCaseAudit(ctx.db, c.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    if (total === 0) return ctx.reply(lifecycleText.historyEmpty(c.id));
    const pages = Math.ceil(total / PAGE_SIZE);
    if (rows.length === 0) throw new UserError(lifecycleText.listPageBeyond(pages));
    const roles = await rolesOf(ctx.db, rows);
    const { reading, load } = await createAuditReader(ctx.db, ctx.policy);
    await load(rows);
    const lines = rows.map((r) =>
      lifecycleText.historyLine({
        at: formatDateTime(r.at, ctx.timeZone),
        action: auditText.action(r.action),
        who: peopleText.withRole(reading.person(r.actorOpenId), roles.get(r.actorOpenId) ?? (r.chatId && roles.get(`chat:${r.chatId}`)) ?? lifecycleText.roles.other),
        // What people typed into the trail is echoed into a text message: escaped (src/messages/echo.ts).
        detail: describeAuditChange(r, { ...reading, typed: echo }),
      }),
    );
    await ctx.reply([lifecycleText.historyHeader(c.id, c.nameMasked, total, page, pages), ...lines].join('\n'));
  },
});

/** What each actor was: their strongest grant, else a cadre when they spoke in a village group. */
async function rolesOf(db: Database, rows: AuditRow[]): Promise<Map<string, string>> {
  const openIds = [...new Set(rows.map((r) => r.actorOpenId))];
  const chatIds = [...new Set(rows.flatMap((r) => (r.chatId ? [r.chatId] : [])))];
  const grants = await db.select({ openId: roleGrants.openId, role: roleGrants.role }).from(roleGrants).where(inArray(roleGrants.openId, openIds));
  const out = new Map<string, string>();
  for (const role of ['sampler', 'doctor', 'lead', 'admin'] as const) {
    for (const g of grants.filter((x) => x.role === role)) out.set(g.openId, lifecycleText.roles[role]);
  }
  if (chatIds.length) {
    const bindings = await db.select({ chatId: chatBindings.chatId, kind: chatBindings.kind }).from(chatBindings).where(inArray(chatBindings.chatId, chatIds));
    for (const b of bindings) if (b.kind === 'village') out.set(`chat:${b.chatId}`, lifecycleText.roles.cadre);
  }
  return out;
}
