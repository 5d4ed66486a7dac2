import { listCaseTeam } from '../src/db/repositories/teams.repository';
import { missingParts } from '../src/domain/team';
import { describeTeam } from '../src/services/teams';
import { getIsolationPoint } from '../src/db/repositories/isolation-points.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { getCase } from '../src/db/repositories/cases.repository';
import { ageOn, birthDateOfId } from '../src/domain/id-number';
import { canViewFull, canViewVillage } from '../src/domain/permissions';
import { caseCategory } from '../src/domain/lifecycle';
import { computePeriod } from '../src/domain/period';
import { categoryByCode } from '../src/domain/policy';
import { caseCard } from '../src/cards/case-card';
import { caseText } from '../src/messages/cases';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { defineCommand } from './define-command';

export const show = defineCommand({
  name: 'show',
  aliases: ['查看', '查询', '详情'],
  effect: 'reads',
  audience: 'cadre',
  async run(ctx, argText) {
    const number = await readCaseRef(ctx, argText, '查看');
    if (!number) throw new UserError(caseText.showUsage);
    const found = await getCase(ctx.db, number.id);
    if (!found) throw new UserError(caseText.notFound(number.id));
    if (!canViewVillage(ctx.actor, found.villageId)) throw new UserError(caseText.notFound(number.id));
    const category = categoryByCode(ctx.policy, found.category);
    const unmasked = !ctx.chat.isGroup && canViewFull(ctx.actor, found.villageId);
    const team = await listCaseTeam(ctx.db, found.id);
    const idNumber = ctx.cipher.decrypt(found.idNumberEnc);
    await ctx.replyCard(
      caseCard({
        id: found.id,
        title: 'show',
        name: unmasked ? ctx.cipher.decrypt(found.nameEnc) : found.nameMasked,
        idNumber,
        phone: ctx.cipher.decrypt(found.phoneEnc),
        contactNote: found.contactNoteEnc ? ctx.cipher.decrypt(found.contactNoteEnc) : null,
        sex: found.sex,
        age: ageOn(birthDateOfId(idNumber), ctx.today),
        category,
        villageName: found.villageName,
        address: unmasked && found.addressEnc ? ctx.cipher.decrypt(found.addressEnc) : null,
        status: found.status,
        // An extended case lives a longer period than its category's.
        period: computePeriod(caseCategory(category, found.extensionDays, ctx.policy), found.startDate),
        today: ctx.today,
        unmasked,
        startBasis: found.startBasis,
        teamLine: await describeTeam(ctx.db, { team, missing: missingParts(category.teamRequired, team), policy: ctx.policy }),
        pointName: found.isolationPointId === null ? null : ((await getIsolationPoint(ctx.db, found.isolationPointId))?.name ?? null),
      }),
    );
    // Seeing a whole ID number and phone is recorded, as an export is.
    if (unmasked) await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'case.view_full', caseId: found.id });
  },
});
