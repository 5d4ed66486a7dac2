import { writeAudit } from '../src/db/repositories/audit.repository';
import { addGrant, removeGrant } from '../src/db/repositories/role-grants.repository';
import { canGrantRole, type GrantableRole } from '../src/domain/permissions';
import { splitArgs } from '../src/domain/field-readers';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { findPointOrRefuse } from '../src/services/find-point';
import { findVillageOrRefuse } from '../src/services/find-village';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

const ROLE_WORDS: Record<string, GrantableRole> = {
  doctor: 'doctor', 村医: 'doctor', 医生: 'doctor',
  lead: 'lead', 组长: 'lead', 领导: 'lead',
  admin: 'admin', 管理员: 'admin',
  sampler: 'sampler', 采样员: 'sampler', 采样: 'sampler', 卫生院: 'sampler',
  point_medic: 'point_medic', 隔离点医务: 'point_medic', 隔离点医生: 'point_medic', 隔离点医护: 'point_medic',
  cadre: 'cadre', 村干部: 'cadre', 干部: 'cadre',
  grid: 'grid', 网格员: 'grid',
  police: 'police', 民警: 'police', 辅警: 'police', '民警/辅警': 'police',
  township_cadre: 'township_cadre', 镇干部: 'township_cadre', 包保镇干部: 'township_cadre', 包保干部: 'township_cadre',
  village_leader: 'village_leader', 挂村领导: 'village_leader',
};
const VILLAGE_ROLES = new Set<GrantableRole>(['doctor', 'cadre', 'grid', 'police', 'township_cadre', 'village_leader']);
const REMOVE_WORDS = new Set(['取消', '撤销', '删除', 'remove']);

export const role = defineCommand({
  name: 'role',
  aliases: ['角色', '授权'],
  effect: 'changes',
  audience: 'lead',
  async run(ctx, argText) {
    const words = splitArgs(argText);
    const people = ctx.mentions.filter((m) => words.includes(m.key));
    const rest = words.filter((w) => !people.some((p) => p.key === w));
    if (people.length === 0) throw new UserError(rest.length ? adminText.roleNeedsMention : adminText.roleUsage);

    let remove = false;
    let roleWord = '';
    const villageWords: string[] = [];
    for (const w of rest) {
      if (REMOVE_WORDS.has(w)) remove = true;
      else if (!roleWord && /^[-－]/.test(w)) [remove, roleWord] = [true, w.slice(1)];
      else if (!roleWord) roleWord = w;
      else villageWords.push(w);
    }
    const granted = ROLE_WORDS[roleWord.toLowerCase()];
    if (!granted) throw new UserError(roleWord ? adminText.roleUnknown(roleWord) : adminText.roleUsage);
    if (!canGrantRole(ctx.actor, granted)) throw new UserError(adminText.roleNoPermission);

    const binding = ctx.chat.binding;
    let village: { id: number; name: string } | null = null;
    let point: { id: number; name: string } | null = null;
    if (VILLAGE_ROLES.has(granted)) {
      if (villageWords.length) village = await findVillageOrRefuse(ctx.db, villageWords.join(''));
      else if (binding?.kind === 'village') village = { id: binding.villageId, name: binding.villageName };
      else if (!remove) throw new UserError(adminText.roleNeedsVillage(common.roleNames[granted], people[0]!.name || '某人'));
    }
    if (granted === 'point_medic') {
      if (villageWords.length) point = await findPointOrRefuse(ctx.db, villageWords.join(''));
      else if (binding?.kind === 'isolation_point') point = { id: binding.pointId, name: binding.pointName };
      else if (!remove) throw new UserError(adminText.roleMedicNeedsPoint);
    }
    const villageId = village?.id ?? null;
    const pointId = point?.id ?? null;
    const where = village?.name ?? point?.name;
    const label = where ? `${common.roleNames[granted]}（${where}）` : common.roleNames[granted];
    const lines: string[] = [];
    for (const person of people) {
      const who = person.name || person.key;
      const target = { openId: person.openId, role: granted };
      // Without a place, removing a village role or a point's staff role removes it everywhere.
      const placeOfGrant = {
        villageId: VILLAGE_ROLES.has(granted) && villageId === null ? undefined : villageId,
        pointId: granted === 'point_medic' && pointId === null ? undefined : pointId,
      };
      if (remove) {
        const n = await removeGrant(ctx.db, { ...target, ...placeOfGrant });
        lines.push(n ? adminText.roleRemoved(who, label) : adminText.roleNotHeld(who, label));
        if (n) await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'role.remove', before: { ...target, villageId, pointId } });
      } else {
        const added = await addGrant(ctx.db, { ...target, villageId, pointId, grantedBy: ctx.actor.openId });
        lines.push(added ? adminText.roleGranted(who, label) : adminText.roleAlready(who, label));
        if (added) await writeAudit(ctx.db, { at: ctx.now, actorOpenId: ctx.actor.openId, chatId: ctx.chat.chatId, action: 'role.grant', after: { ...target, villageId, pointId } });
      }
    }
    await ctx.reply(lines.join('\n'));
  },
});
