import { lockCase } from '../src/db/repositories/cases.repository';
import { listCaseTeam, listVillageTeamDefaults, removeCaseTeamMembers, addCaseTeamMembers, setVillageTeamDefaults } from '../src/db/repositories/teams.repository';
import { writeAudit } from '../src/db/repositories/audit.repository';
import { categoryByCode } from '../src/domain/policy';
import { canEditTeam, canViewVillage } from '../src/domain/permissions';
import { missingParts, readTeamWords, teamAfter } from '../src/domain/team';
import { caseText } from '../src/messages/cases';
import { teamText } from '../src/messages/teams';
import { findVillageOrRefuse } from '../src/services/find-village';
import { describeTeam, partsByRole } from '../src/services/teams';
import { UserError } from '../src/shared/user-error';
import { readCaseRef } from './case-ref';
import { type CommandContext, defineCommand } from './define-command';
import { splitArgs } from '../src/domain/field-readers';

const DEFAULT_WORDS = new Set(['默认', '常设', 'default']);

/**
 * /包保 #12 … — a case's guarantee team (004 篇二 "二包一", 004 篇五 "三人管控专班"): shown, set
 * part by part, added to or trimmed (never below the category's required parts);
 * /包保 默认 [村] … — the village's standing team new registrations start with.
 */
export const team = defineCommand({
  name: 'team',
  aliases: ['包保'],
  effect: 'changes',
  audience: 'cadre',
  async run(ctx, argText) {
    const words = splitArgs(argText);
    if (DEFAULT_WORDS.has(words[0] ?? '')) return setDefaults(ctx, words.slice(1));
    const number = await readCaseRef(ctx, argText, '包保');
    if (!number) throw new UserError(teamText.usage);
    const c = await lockCase(ctx.db, number.id);
    if (!c || !canViewVillage(ctx.actor, c.villageId)) throw new UserError(caseText.notFound(number.id));
    if (!canEditTeam(ctx.actor, c.villageId)) throw new UserError(teamText.noPermission);
    const current = await listCaseTeam(ctx.db, c.id);
    if (number.rest.length === 0) return ctx.reply(teamText.shown(c.id, c.nameMasked, await describeTeam(ctx.db, { team: current, missing: missingParts(categoryByCode(ctx.policy, c.category).teamRequired, current), policy: ctx.policy })));
    const edit = await readEdit(ctx, number.rest);
    const next = teamAfter({ current, ...edit });
    const category = categoryByCode(ctx.policy, c.category);
    const lost = missingParts(category.teamRequired, next).find((p) => !missingParts(category.teamRequired, current).includes(p));
    if (lost) throw new UserError(teamText.lastRequired(c.id, ctx.policy.team.parts.find((p) => p.key === lost)?.label ?? lost));
    const key = (m: { part: string; openId: string }) => `${m.part}|${m.openId}`;
    const gone = current.filter((m) => !next.some((n) => key(n) === key(m)));
    const added = next.filter((m) => !current.some((n) => key(n) === key(m)));
    if (gone.length === 0 && added.length === 0) return ctx.reply(teamText.unchanged(c.id));
    for (const m of gone) await removeCaseTeamMembers(ctx.db, { caseId: c.id, part: m.part, openId: m.openId });
    await addCaseTeamMembers(ctx.db, { caseId: c.id, members: added, by: ctx.actor.openId, at: ctx.now });
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'case.team', caseId: c.id, before: { team: gone }, after: { team: added } });
    await ctx.reply(teamText.changed(c.id, await describeTeam(ctx.db, { team: next, missing: missingParts(category.teamRequired, next), policy: ctx.policy })));
  },
});

async function readEdit(ctx: CommandContext, words: string[]) {
  const byRole = await partsByRole(ctx.db, ctx.mentions.map((m) => m.openId), ctx.policy);
  const read = readTeamWords({ words, mentions: ctx.mentions, policy: ctx.policy, partOfRole: (id) => byRole.get(id) ?? null });
  if (!read.ok) {
    const who = read.error === 'part_unknown_for' ? ctx.mentions.find((m) => m.key === read.mentionKey) : undefined;
    throw new UserError(read.error === 'dangling_part' ? teamText.danglingPart(read.word) : teamText.partUnknownFor(who?.name || '某人', ctx.policy.team.parts.map((p) => p.label)));
  }
  if (read.rest.length) throw new UserError(teamText.usage);
  return { assign: read.assign, removeParts: read.removeParts, removePeople: read.removePeople };
}

async function setDefaults(ctx: CommandContext, words: string[]) {
  const binding = ctx.chat.binding;
  const first = words[0] ?? '';
  const named = first && !ctx.mentions.some((m) => m.key === first) && !/^[-－]/.test(first) ? await findVillageOrRefuse(ctx.db, first).catch(() => null) : null;
  const village = named ?? (binding?.kind === 'village' ? { id: binding.villageId, name: binding.villageName } : null);
  if (!village) throw new UserError(teamText.defaultsUsage);
  if (!canEditTeam(ctx.actor, village.id)) throw new UserError(teamText.noPermission);
  const edit = await readEdit(ctx, named ? words.slice(1) : words);
  if (edit.assign.length === 0) throw new UserError(teamText.defaultsUsage);
  await setVillageTeamDefaults(ctx.db, { villageId: village.id, members: edit.assign, by: ctx.actor.openId, at: ctx.now });
  await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'village.team', after: { village: village.name, team: edit.assign } });
  const defaults = await listVillageTeamDefaults(ctx.db, village.id);
  await ctx.reply(teamText.defaultsSet(village.name, await describeTeam(ctx.db, { team: defaults, missing: [], policy: ctx.policy })));
}
