import { writeAudit } from '../src/db/repositories/audit.repository';
import { addIsolationPoints, listIsolationPoints } from '../src/db/repositories/isolation-points.repository';
import { canConfigureTownship } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { toHalfWidth } from '../src/domain/dates';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

const ADD_WORDS = new Set(['add', '添加', '新增', '加']);
const LIST_WORDS = new Set(['list', 'ls', '列表', '查看', '']);
const POINT_NAME = /^\p{Script=Han}[\p{Script=Han}0-9]{1,29}$/u;

/** /隔离点 添加 县隔离酒店 · /隔离点 列表: the township's isolation points (001 篇二 §8). */
export const isolationPoint = defineCommand({
  name: 'point',
  aliases: ['隔离点'],
  effect: 'changes',
  audience: 'admin',
  async run(ctx, argText) {
    const [sub = '', ...typed] = splitArgs(argText);
    if (LIST_WORDS.has(sub.toLowerCase())) {
      await ctx.reply(adminText.pointList((await listIsolationPoints(ctx.db)).map((p) => p.name)));
      return;
    }
    if (!ADD_WORDS.has(sub.toLowerCase())) throw new UserError(adminText.pointUsage);
    if (!canConfigureTownship(ctx.actor)) throw new UserError(common.adminOnly);
    const names = [...new Set(typed.map((t) => toHalfWidth(t).trim()))];
    if (names.length === 0) throw new UserError(adminText.pointUsage);
    const bad = names.filter((n) => !POINT_NAME.test(n));
    if (bad.length) throw new UserError([...bad.map(adminText.pointBadName), adminText.pointUsage].join('\n'));
    const added = await addIsolationPoints(ctx.db, names, ctx.actor.openId);
    if (added.length) await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'point.add', after: { names: added } });
    await ctx.reply(adminText.pointsAdded(added, names.filter((n) => !added.includes(n))));
  },
});
