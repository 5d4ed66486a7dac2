import { getIsolationPointsByIds } from '../src/db/repositories/isolation-points.repository';
import { listHolders } from '../src/db/repositories/role-grants.repository';
import { getVillagesByIds } from '../src/db/repositories/villages.repository';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { peopleText } from '../src/messages/people';
import { displayNames } from '../src/services/people';
import { defineCommand } from './define-command';

export const whoami = defineCommand({
  name: 'whoami',
  aliases: ['我是谁', '我的角色'],
  effect: 'reads',
  audience: 'everyone',
  async run(ctx) {
    const a = ctx.actor;
    const binding = ctx.chat.binding;
    const roles: string[] = [];
    if (a.isAdmin) roles.push(common.roleNames.admin);
    if (a.isLead) roles.push(common.roleNames.lead);
    if (a.doctorOf.length) {
      const villages = await getVillagesByIds(ctx.db, a.doctorOf);
      roles.push(adminText.doctorOf(villages.map((v) => v.name)));
    }
    if (a.isSampler) roles.push(common.roleNames.sampler);
    if (a.medicOf.length) roles.push(adminText.medicOf((await getIsolationPointsByIds(ctx.db, a.medicOf)).map((p) => p.name)));
    if (binding?.kind === 'village') roles.push(adminText.cadreOf(binding.villageName));
    const lines = [adminText.whoami({ roles, binding: adminText.describeBinding(binding, ctx.chat.isGroup), isGroup: ctx.chat.isGroup })];
    if (binding?.kind === 'village') {
      // Who the village's cadres work with on tests and temperatures.
      const doctors = await listHolders(ctx.db, { role: 'doctor', villageId: binding.villageId });
      const names = await displayNames(ctx.db, doctors);
      lines.push(peopleText.holders(common.roleNames.doctor, doctors.map((d) => names.get(d)!)));
    }
    await ctx.reply(lines.join('\n'));
  },
});
