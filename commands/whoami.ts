import { listHolders } from '../src/db/repositories/role-grants.repository';
import { adminText } from '../src/messages/admin';
import { common } from '../src/messages/common';
import { peopleText } from '../src/messages/people';
import { displayNames } from '../src/services/people';
import { describeRoles } from '../src/services/describe-roles';
import { defineCommand } from './define-command';

export const whoami = defineCommand({
  name: 'whoami',
  aliases: ['我是谁', '我的角色'],
  effect: 'reads',
  audience: 'everyone',
  async run(ctx) {
    const a = ctx.actor;
    const binding = ctx.chat.binding;
    const roles = await describeRoles(ctx.db, a.roles);
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
