import { writeAudit } from '../src/db/repositories/audit.repository';
import { type ChatBinding, setChatBinding } from '../src/db/repositories/chat-bindings.repository';
import { canConfigureTownship } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { findPointOrRefuse } from '../src/services/find-point';
import { findVillageOrRefuse } from '../src/services/find-village';
import { UserError } from '../src/shared/user-error';
import { type CommandContext, defineCommand } from './define-command';

const KIND_WORDS: Record<string, ChatBinding['kind']> = {
  village: 'village', 村: 'village', 社区: 'village',
  point: 'isolation_point', 隔离点: 'isolation_point',
  hq: 'hq', 指挥部: 'hq', 办公室: 'hq',
  taskforce: 'taskforce', 专班: 'taskforce',
};

export const bind = defineCommand({
  name: 'bind',
  aliases: ['绑定'],
  effect: 'changes',
  audience: 'admin',
  async run(ctx, argText) {
    if (!canConfigureTownship(ctx.actor)) throw new UserError(common.adminOnly);
    if (!ctx.chat.isGroup) throw new UserError(common.groupOnly);
    const binding = await readBinding(ctx, splitArgs(argText));
    const current = adminText.describeBinding(binding, true);
    if (ctx.chat.binding && adminText.describeBinding(ctx.chat.binding, true) === current) {
      await ctx.reply(adminText.bindUnchanged(current));
      return;
    }
    const previous = await setChatBinding(ctx.db, { chatId: ctx.chat.chatId, binding, boundBy: ctx.actor.openId });
    await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'chat.bind', before: previous, after: binding });
    await ctx.reply(adminText.bindDone(current, previous ? adminText.describeBinding(previous, true) : null));
  },
});

async function readBinding(ctx: CommandContext, words: string[]): Promise<ChatBinding> {
  const [first, ...rest] = words;
  if (!first) throw new UserError(adminText.bindUsage);
  const kind = KIND_WORDS[first.toLowerCase()];
  if (kind === 'hq') return { kind: 'hq' };
  if (kind === 'isolation_point') {
    if (rest.length === 0) throw new UserError(adminText.bindUsage);
    const p = await findPointOrRefuse(ctx.db, rest.join(''));
    return { kind: 'isolation_point', pointId: p.id, pointName: p.name };
  }
  if (kind === 'taskforce') {
    const name = rest.join('');
    const known = ctx.policy.taskforces.find((t) => t === name || t === name.replace(/专班$/, ''));
    if (!known) throw new UserError(name ? adminText.unknownTaskforce(name, ctx.policy.taskforces) : adminText.bindUsage);
    return { kind: 'taskforce', taskforce: known };
  }
  // "/绑定 东风村" without the word 村 is forgiven: a lone village name means a village group.
  const villageWord = kind === 'village' ? rest.join('') : words.join('');
  if (!villageWord) throw new UserError(adminText.bindUsage);
  const v = await findVillageOrRefuse(ctx.db, villageWord);
  return { kind: 'village', villageId: v.id, villageName: v.name };
}
