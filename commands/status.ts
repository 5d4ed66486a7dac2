import { getChatBinding } from '../src/db/repositories/chat-bindings.repository';
import { canConfigureTownship } from '../src/domain/permissions';
import { countDeliveries } from '../src/inbox/inbox.repository';
import { adminText } from '../src/messages/admin';
import { formatDateTime } from '../src/messages/cases';
import { common } from '../src/messages/common';
import { statusText } from '../src/messages/status';
import { countFailuresByCode, getOutboxHealth } from '../src/outbox/outbox.repository';
import { listUnreachable } from '../src/services/unreachable-chats';
import { UserError } from '../src/shared/user-error';
import { defineCommand } from './define-command';

const DAY_MS = 24 * 3600_000;

export const status = defineCommand({
  name: 'status',
  aliases: ['状态', '系统状态'],
  effect: 'reads',
  audience: 'admin',
  async run(ctx) {
    if (!canConfigureTownship(ctx.actor)) throw new UserError(common.adminOnly);
    const since = new Date(ctx.now.getTime() - DAY_MS);
    const [inbox, outbox, failures, unreachable] = await Promise.all([
      countDeliveries(ctx.db, since),
      getOutboxHealth(ctx.db),
      countFailuresByCode(ctx.db, since),
      listUnreachable(ctx.db),
    ]);
    const oldestMinutes = outbox.oldestPendingAt ? Math.max(0, Math.round((ctx.now.getTime() - outbox.oldestPendingAt.getTime()) / 60_000)) : null;
    const totalFailures = failures.reduce((n, f) => n + f.n, 0);
    const byCode = failures.map((f) => `${f.code ?? '网络'}×${f.n}`).join('，');
    const lines = [
      statusText.title,
      statusText.inbox(inbox),
      statusText.outbox(outbox.pending, oldestMinutes),
      statusText.failures(totalFailures, byCode),
    ];
    if (unreachable.length) {
      lines.push(statusText.unreachableHeader);
      for (const u of unreachable) {
        const binding = await getChatBinding(ctx.db, u.target);
        const name = binding ? adminText.describeBinding(binding, true) : u.target;
        lines.push(statusText.unreachableLine(name, u.reason, formatDateTime(u.since, ctx.timeZone)));
      }
    }
    await ctx.reply(lines.join('\n'));
  },
});
