import { writeAudit } from '../src/db/repositories/audit.repository';
import { addVillages, listVillages } from '../src/db/repositories/villages.repository';
import { canConfigureTownship } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { normalizeVillage } from '../src/domain/village-match';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

const ADD_WORDS = new Set(['add', '添加', '新增', '加']);
const LIST_WORDS = new Set(['list', 'ls', '列表', '查看', '']);
// Han characters, digits allowed after the first (full-width digits are stored as ASCII).
const VILLAGE_NAME = /^\p{Script=Han}[\p{Script=Han}0-9]{1,19}$/u;

export const village = defineCommand({
  name: 'village',
  aliases: ['村', '村庄', '社区'],
  effect: 'changes',
  audience: 'admin',
  async run(ctx, argText) {
    const [sub = '', ...typed] = splitArgs(argText);
    const names = typed.map(normalizeVillage);
    if (LIST_WORDS.has(sub.toLowerCase())) {
      const all = await listVillages(ctx.db);
      await ctx.reply(adminText.villageList(all.map((v) => v.name)));
      return;
    }
    if (!ADD_WORDS.has(sub.toLowerCase())) throw new UserError(adminText.villageUsage);
    if (!canConfigureTownship(ctx.actor)) throw new UserError(common.adminOnly);
    if (names.length === 0) throw new UserError(adminText.villageUsage);
    const bad = names.filter((n) => !VILLAGE_NAME.test(n));
    if (bad.length) throw new UserError([...bad.map(adminText.villageBadName), adminText.villageUsage].join('\n'));
    const unique = [...new Set(names)];
    const added = await addVillages(ctx.db, unique, ctx.actor.openId);
    if (added.length) {
      await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'village.add', after: { names: added } });
    }
    await ctx.reply(adminText.villagesAdded(added, unique.filter((n) => !added.includes(n))));
  },
});
