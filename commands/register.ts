import { getCase } from '../src/db/repositories/cases.repository';
import { listVillages } from '../src/db/repositories/villages.repository';
import { ageOn } from '../src/domain/id-number';
import { canActForVillage, isTownshipWide } from '../src/domain/permissions';
import { type Category, categoryByCode, categoryName, startsAtIsolationPoint } from '../src/domain/policy';
import { type IsolationPoint, listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { parseRegisterArgs } from '../src/domain/register-args';
import { splitArgs } from '../src/domain/field-readers';
import { caseCard } from '../src/cards/case-card';
import { caseText } from '../src/messages/cases';
import { registerExampleOn, renderRegisterErrors } from '../src/messages/register';
import { exampleVillage } from '../src/services/find-village';
import { registerCase } from '../src/services/register-case';
import { readTeamWords } from '../src/domain/team';
import { teamText } from '../src/messages/teams';
import { describeTeam, partsByRole } from '../src/services/teams';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

export const register = defineCommand({
  name: 'register',
  aliases: ['登记', '登记人员', 'reg'],
  audience: 'cadre',
  async run(ctx, argText) {
    const { actor } = ctx;
    if (!isTownshipWide(actor) && actor.cadreOf === null && actor.doctorOf.length === 0) {
      throw new UserError(caseText.registerNoPermission);
    }
    const binding = ctx.chat.binding;
    const boundVillage = binding?.kind === 'village' ? binding.villageName : null;
    const villages = await listVillages(ctx.db);
    const points = await listIsolationPoints(ctx.db);
    // The guarantee team named by @-mentions (村干部 @李四 @王医生); the rest is the person.
    const byRole = await partsByRole(ctx.db, ctx.mentions.map((m) => m.openId), ctx.policy);
    const teamWords = readTeamWords({ words: splitArgs(argText), mentions: ctx.mentions, policy: ctx.policy, partOfRole: (id) => byRole.get(id) ?? null });
    if (!teamWords.ok) {
      const who = teamWords.error === 'part_unknown_for' ? ctx.mentions.find((m) => m.key === teamWords.mentionKey) : undefined;
      throw new UserError(teamWords.error === 'dangling_part' ? teamText.danglingPart(teamWords.word) : teamText.partUnknownFor(who?.name || '某人', ctx.policy.team.parts.map((p) => p.label)));
    }
    const parsed = parseRegisterArgs({
      tokens: teamWords.rest,
      today: ctx.today,
      policy: ctx.policy,
      villageNames: villages.map((v) => v.name),
      pointNames: points.map((p) => p.name),
      boundVillage,
    });
    if (!parsed.ok) {
      const village = exampleVillage({ actor, inVillageGroup: boundVillage !== null, villages });
      throw new UserError(renderRegisterErrors(parsed.errors, registerExampleOn(ctx.today, village)));
    }
    const value = parsed.value;
    const village = villages.find((v) => v.name === (value.village ?? boundVillage))!;
    if (!canActForVillage(actor, village.id)) throw new UserError(caseText.villageNoPermission(village.name));
    const category = categoryByCode(ctx.policy, value.categoryCode);
    const point = pointOfRegistration(category, value.point, points);
    const startBasis = value.typedBasis ?? (value.dateTyped ? category.startsFrom : 'found');

    const outcome = await registerCase(ctx.db, {
      value,
      category,
      village,
      cipher: ctx.cipher,
      startBasis,
      pointId: point?.id ?? null,
      team: teamWords.assign,
      actorOpenId: actor.openId,
      chatId: ctx.chat.chatId,
      policy: ctx.policy,
      timeZone: ctx.timeZone,
      today: ctx.today,
      now: ctx.now,
    });
    if (outcome.kind === 'duplicate') {
      const existing = await getCase(ctx.db, outcome.id);
      const existingCategory = existing ? categoryName(ctx.policy, existing.category) : '';
      await ctx.reply(caseText.alreadyActive(outcome.id, existing?.villageName ?? '', existingCategory));
      return;
    }
    await ctx.replyCard(
      caseCard({
        id: outcome.id,
        title: 'registered',
        name: value.name,
        idNumber: value.idNumber,
        phone: value.phone,
        contactNote: value.contactNote,
        sex: value.sex,
        age: ageOn(value.birthDate, ctx.today),
        category,
        villageName: village.name,
        address: value.address,
        status: 'active',
        period: outcome.period,
        today: ctx.today,
        notDoneDays: outcome.notDoneDays,
        startBasis,
        pointName: point?.name ?? null,
        noPointYet: startsAtIsolationPoint(category) && !point,
        teamLine: await describeTeam(ctx.db, { team: outcome.team, missing: outcome.missingParts, policy: ctx.policy }),
      }),
    );
  },
});

/**
 * Where a category that starts at an isolation point is spent: the point named, or the
 * township's only one; with several, the cadre must say which. A township that has set up no
 * point yet still registers the person (the work stays with the village, and the reply says
 * how to add the point) rather than turning away someone who must be managed today. A point
 * named for a category managed in the village is a mistake worth saying, not dropped silently.
 */
function pointOfRegistration(category: Category, named: string | null, points: IsolationPoint[]): IsolationPoint | null {
  if (!startsAtIsolationPoint(category)) {
    if (named) throw new UserError(caseText.pointNotForCategory(named, category.name));
    return null;
  }
  if (named) return points.find((p) => p.name === named)!;
  if (points.length <= 1) return points[0] ?? null;
  throw new UserError(caseText.pointNeeded(category.name, points.map((p) => p.name)));
}
