import { listVillages } from '../src/db/repositories/villages.repository';
import { canConfigureTownship, canRelease, holds, pointsHeld, villagesHeld, visibleVillages } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { findCommand } from '../src/lark/command-registry';
import { helpCard } from '../src/cards/help-card';
import { commandHelp, dailyHelp, type HelpRole, helpText } from '../src/messages/help';
import { registerExampleNoted, registerExampleOn } from '../src/messages/register';
import { exampleVillage } from '../src/services/find-village';
import { UserError } from '../src/shared/user-error';
import { type Audience, type CommandContext, type CommandDefinition, defineCommand } from './define-command';
import { commands } from './index';

/**
 * /帮助: what the asker does daily, as a card of one phone screen; /帮助 登记 (any command):
 * that command in detail with two examples; /帮助 全部: every command the asker may use.
 */
export const help = defineCommand({
  name: 'help',
  aliases: ['帮助', 'h', '?', '？'],
  effect: 'reads',
  audience: 'everyone',
  async run(ctx, argText) {
    const [topic] = splitArgs(argText);
    if (!topic) return replyDaily(ctx);
    if ((helpText.allWords as readonly string[]).includes(topic.toLowerCase())) return replyAll(ctx);
    const found = findCommand(commands, topic.replace(/^[/／]/, ''));
    if (!found || found.rest || !commandHelp[found.command.name]) throw new UserError(helpText.unknownTopic(topic));
    await ctx.reply(await detailOf(ctx, found.command));
  },
});

function audiences(ctx: CommandContext): Record<Audience, boolean> {
  const a = ctx.actor;
  return {
    everyone: true,
    cadre: visibleVillages(a).length > 0,
    doctor: holds(a, 'doctor') || holds(a, 'sampler') || holds(a, 'point_medic') || canRelease(a),
    lead: canRelease(a),
    admin: canConfigureTownship(a),
  };
}

/** The role whose day the asker lives: the chat they speak in says more than their grants. */
function helpRole(ctx: CommandContext): HelpRole {
  const a = ctx.actor;
  if (villagesHeld(a, 'cadre').length > 0) return 'cadre';
  if (holds(a, 'admin') && ctx.chat.binding?.kind !== 'hq') return 'admin';
  if (canRelease(a) || holds(a, 'hq_member')) return 'lead';
  if (holds(a, 'doctor') || holds(a, 'sampler') || pointsHeld(a).length > 0) return 'doctor';
  return 'newcomer';
}

async function replyDaily(ctx: CommandContext) {
  const role = dailyHelp[helpRole(ctx)];
  const b = helpText.buttons;
  await ctx.replyCard(
    helpCard({
      title: role.title,
      lines: role.lines,
      footer: helpText.cardFooter,
      buttons: [
        { text: b.register, command: '/帮助 登记' },
        { text: b.today, command: '/今日' },
        { text: b.list, command: '/名单' },
        { text: b.more, command: '/帮助 全部' },
      ],
    }),
  );
}

async function replyAll(ctx: CommandContext) {
  const sees = audiences(ctx);
  const lines: string[] = [];
  for (const c of commands.filter((c) => sees[c.audience] && commandHelp[c.name])) {
    lines.push(`• ${commandHelp[c.name]!.title}\n  ${(await examplesOf(ctx, c))[0]}`);
  }
  await ctx.reply([helpText.intro, helpText.header, ...lines, helpText.footer].join('\n'));
}

async function detailOf(ctx: CommandContext, c: CommandDefinition): Promise<string> {
  const entry = commandHelp[c.name]!;
  const examples = [...new Set(await examplesOf(ctx, c))];
  return [helpText.detailHeader(entry.title), helpText.examplesHeader, ...examples.map((e) => `  ${e}`), ...(entry.note ? [entry.note] : [])].join('\n');
}

async function examplesOf(ctx: CommandContext, c: CommandDefinition): Promise<string[]> {
  if (c.name !== 'register') return commandHelp[c.name]!.examples;
  const village = exampleVillage({ actor: ctx.actor, inVillageGroup: ctx.chat.binding?.kind === 'village', villages: await listVillages(ctx.db) });
  return [registerExampleOn(ctx.today, village), registerExampleNoted(village)];
}
