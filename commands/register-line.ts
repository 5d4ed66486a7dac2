import { getCase } from '../src/db/repositories/cases.repository';
import type { Village } from '../src/db/repositories/villages.repository';
import { ageOn } from '../src/domain/id-number';
import { canRegister, canViewVillage } from '../src/domain/permissions';
import { type Category, categoryByCode, categoryName, startsAtIsolationPoint } from '../src/domain/policy';
import type { IsolationPoint } from '../src/db/repositories/isolation-points.repository';
import { splitArgs } from '../src/domain/field-readers';
import { maskName } from '../src/domain/mask';
import { parseRegisterArgs, type RegisterValue } from '../src/domain/register-args';
import { readTeamWords, type TeamMember } from '../src/domain/team';
import { type Card } from '../src/cards/card';
import { caseCard } from '../src/cards/case-card';
import { caseText } from '../src/messages/cases';
import { registerErrorLine, registerExampleOn, renderRegisterErrors } from '../src/messages/register';
import { teamText } from '../src/messages/teams';
import { exampleVillage } from '../src/services/find-village';
import { registerCase } from '../src/services/register-case';
import { requestTransfer } from '../src/services/transfers';
import { transferText } from '../src/messages/transfers';
import { describeTeam, partsByRole } from '../src/services/teams';
import { UserError } from '../src/shared/user-error';
import type { CommandContext } from './define-command';

const COMMAND_WORD = /^[/／]\s*(?:登记人员|登记|register|reg)(?=\s|$)/i;

/**
 * The registrations of a message, one per line: the first line is what followed /登记, and
 * later lines may repeat /登记 (pasted) or not. Blank lines are nothing.
 */
export function registrationLines(argText: string): string[] {
  return argText
    .split(/\r?\n/)
    .map((l) => l.trim().replace(COMMAND_WORD, '').trim())
    .filter((l) => l !== '');
}

export type LineOutcome =
  | { kind: 'created'; id: number; nameMasked: string; card: Card }
  | { kind: 'duplicate'; id: number; text: string };

/**
 * One person's registration, read from one line (the shared field readers, the team named
 * by @-mentions), checked and stored; any refusal is a UserError. `brief` leaves the example
 * out of a refusal (a reply listing several lines gives it once).
 */
export async function registerLine(
  ctx: CommandContext,
  input: { text: string; villages: Village[]; points: IsolationPoint[]; brief?: boolean },
): Promise<LineOutcome> {
  const { actor } = ctx;
  const { villages, points } = input;
  const binding = ctx.chat.binding;
  const boundVillage = binding?.kind === 'village' ? binding.villageName : null;
  // The guarantee team named by @-mentions (村干部 @李四 @王医生); the rest is the person.
  const words = splitArgs(input.text);
  const mentions = ctx.mentions.filter((m) => words.some((w) => w.includes(m.key)));
  const byRole = await partsByRole(ctx.db, mentions.map((m) => m.openId), ctx.policy);
  const teamWords = readTeamWords({ words, mentions, policy: ctx.policy, partOfRole: (id) => byRole.get(id) ?? null });
  if (!teamWords.ok) {
    const who = teamWords.error === 'part_unknown_for' ? mentions.find((m) => m.key === teamWords.mentionKey) : undefined;
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
    if (input.brief) throw new UserError(parsed.errors.map(registerErrorLine).filter(Boolean).join('\n'));
    const village = exampleVillage({ actor, inVillageGroup: boundVillage !== null, villages });
    throw new UserError(renderRegisterErrors(parsed.errors, registerExampleOn(ctx.today, village)));
  }
  const value = parsed.value;
  const village = villages.find((v) => v.name === (value.village ?? boundVillage))!;
  return registerChecked({ ...ctx, chatId: ctx.chat.chatId }, { value, village, points, team: teamWords.assign });
}

/** What a registration needs besides the person: who, where, and the township's rules. */
export type RegistrationContext = Pick<CommandContext, 'db' | 'actor' | 'cipher' | 'policy' | 'timeZone' | 'today' | 'now'> & { chatId: string };

/**
 * A person read and checked (from a /登记 line, or a 待核查 row's form), registered as /登记
 * registers: the village's permission, the category's place, the period and duties, a close
 * contact's transfer, the case card. Any refusal is a UserError.
 */
export async function registerChecked(
  ctx: RegistrationContext,
  input: { value: RegisterValue; village: Village; points: IsolationPoint[]; team: TeamMember[] },
): Promise<LineOutcome> {
  const { actor } = ctx;
  const { value, village, points } = input;
  if (!canRegister(actor, village.id)) throw new UserError(caseText.villageNoPermission(village.name));
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
    team: input.team,
    actorOpenId: actor.openId,
    chatId: ctx.chatId,
    policy: ctx.policy,
    timeZone: ctx.timeZone,
    today: ctx.today,
    now: ctx.now,
  });
  if (outcome.kind === 'duplicate') {
    const existing = await getCase(ctx.db, outcome.id);
    // Someone managed in a village the registrar may not see: say so without where or why (issue 11).
    if (!existing || !canViewVillage(actor, existing.villageId)) return { kind: 'duplicate', id: outcome.id, text: caseText.alreadyElsewhere };
    return { kind: 'duplicate', id: outcome.id, text: caseText.alreadyActive(outcome.id, existing.villageName, categoryName(ctx.policy, existing.category)) };
  }
  // A close contact found in the village waits there for its transfer (001 篇二 §26, 000 (十)).
  const transfer =
    category.transferOnRegister && !point
      ? await requestTransfer(ctx.db, {
          case: (await getCase(ctx.db, outcome.id))!,
          destination: 'central',
          category,
          reason: category.name,
          alertId: null,
          actorOpenId: actor.openId,
          chatId: ctx.chatId,
          now: ctx.now,
          today: ctx.today,
          timeZone: ctx.timeZone,
          policy: ctx.policy,
        })
      : null;
  const card = caseCard({
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
    transferLine: transfer ? transferText.registeredNeedsTransfer(category.name, ctx.policy.transfers.limitHours) : undefined,
    teamLine: await describeTeam(ctx.db, { team: outcome.team, missing: outcome.missingParts, policy: ctx.policy }),
  });
  return { kind: 'created', id: outcome.id, nameMasked: maskName(value.name), card };
}

/**
 * Where a category that starts at an isolation point is spent: the point named, or the
 * township's only one; with several, the cadre must say which. A township that has set up no
 * point yet still registers the person (the work stays with the village, and the reply says
 * how to add the point) rather than turning away someone who must be managed today. A point
 * named for a category managed in the village is a mistake worth saying, not dropped silently.
 * A close contact (transferOnRegister) with no point named is at home, waiting for its transfer.
 */
function pointOfRegistration(category: Category, named: string | null, points: IsolationPoint[]): IsolationPoint | null {
  if (!startsAtIsolationPoint(category)) {
    if (named) throw new UserError(caseText.pointNotForCategory(named, category.name));
    return null;
  }
  if (named) return points.find((p) => p.name === named)!;
  // Found in the village, the person is still at home: the point is the one the transfer hands over to.
  if (category.transferOnRegister) return null;
  if (points.length <= 1) return points[0] ?? null;
  throw new UserError(caseText.pointNeeded(category.name, points.map((p) => p.name)));
}
