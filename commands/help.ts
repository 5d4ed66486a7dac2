import { listVillages } from '../src/db/repositories/villages.repository';
import { isTownshipWide } from '../src/domain/permissions';
import { commandHelp, helpText } from '../src/messages/help';
import { registerExampleOn } from '../src/messages/register';
import { exampleVillage } from '../src/services/find-village';
import { type Audience, type CommandContext, defineCommand } from './define-command';
import { commands } from './index';

export const help = defineCommand({
  name: 'help',
  aliases: ['帮助', 'h', '?', '？'],
  effect: 'reads',
  audience: 'everyone',
  async run(ctx) {
    const a = ctx.actor;
    const sees: Record<Audience, boolean> = {
      everyone: true,
      cadre: a.cadreOf !== null || a.doctorOf.length > 0 || isTownshipWide(a),
      doctor: a.doctorOf.length > 0 || a.isSampler || isTownshipWide(a),
      lead: isTownshipWide(a),
      admin: a.isAdmin,
    };
    const lines: string[] = [];
    for (const c of commands.filter((c) => sees[c.audience] && commandHelp[c.name])) {
      const example = c.name === 'register' ? registerExampleOn(ctx.today, await registerExampleVillage(ctx)) : commandHelp[c.name]!.example;
      lines.push(`• ${commandHelp[c.name]!.title}\n  ${example}`);
    }
    await ctx.reply([helpText.intro, helpText.header, ...lines, helpText.footer].join('\n'));
  },
});

async function registerExampleVillage(ctx: CommandContext): Promise<string | null> {
  return exampleVillage({ actor: ctx.actor, inVillageGroup: ctx.chat.binding?.kind === 'village', villages: await listVillages(ctx.db) });
}
