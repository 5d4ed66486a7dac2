import { findCasesByNameHash } from '../src/db/repositories/cases.repository';
import { nameLookupHash } from '../src/db/sealed-person';
import { asPersonName, findSplitName, splitArgs } from '../src/domain/field-readers';
import { maskName } from '../src/domain/mask';
import { visibleVillages } from '../src/domain/permissions';
import { categoryName } from '../src/domain/policy';
import { normalizePersonName } from '../src/domain/person-name';
import { caseChoiceCard } from '../src/cards/case-choice-card';
import { caseText } from '../src/messages/cases';
import { lookupText } from '../src/messages/lookup';
import { UserError } from '../src/shared/user-error';
import { readCaseNumber } from './case-number';
import type { CommandContext } from './define-command';

/** How many namesakes the choice card lists (one button each). */
const MAX_CHOICES = 8;

/**
 * The case a command names: by number (#12), or by name (/查看 王建国, /记录 孙 丽). Cadres
 * remember names, not numbers. A name is found through the keyed hash of its normalised form,
 * only in the villages the asker may see: one match is that case; several are a refusal whose
 * answer is a card of masked namesakes to press; none says so. Null when the command was given
 * neither (the command answers with its usage).
 */
export async function readCaseRef(ctx: CommandContext, argText: string, command: string): Promise<{ id: number; rest: string[] } | null> {
  const byNumber = readCaseNumber(argText);
  if (byNumber) return byNumber;
  const words = splitArgs(argText);
  const joined = findSplitName(words) === 0 && !asPersonName(words[0] ?? '');
  const typed = joined ? `${words[0]}${words[1]}` : (words[0] ?? '');
  const name = asPersonName(normalizePersonName(typed));
  if (!name) return null;
  const rest = words.slice(joined ? 2 : 1);
  const found = await findCasesByNameHash(ctx.db, { nameHash: nameLookupHash(ctx.cipher, name), villageIds: visibleVillages(ctx.actor), limit: MAX_CHOICES + 1 });
  if (found.length === 0) throw new UserError(lookupText.notFound(ctx.chat.isGroup ? maskName(name) : name, command));
  if (found.length === 1) return { id: found[0]!.id, rest };
  const shown = found.slice(0, MAX_CHOICES);
  const card = caseChoiceCard({
    title: lookupText.chooseTitle(maskName(name), shown.length),
    choices: shown.map((c) => ({
      id: c.id,
      line: lookupText.chooseLine({ id: c.id, nameMasked: c.nameMasked, village: c.villageName, category: categoryName(ctx.policy, c.category), status: caseText.status[c.status] }),
      label: lookupText.chooseButton(c.id),
      // Pressing runs the same command with the number, as the presser (their rights, their chat).
      text: ['/' + command, `#${c.id}`, ...rest].join(' '),
    })),
    more: found.length > MAX_CHOICES ? lookupText.moreThanShown(MAX_CHOICES, command) : null,
  });
  throw new UserError(lookupText.chooseTitle(maskName(name), shown.length), card);
}
