import type { Database } from '../db/client';
import { listChatBindings } from '../db/repositories/chat-bindings.repository';
import { forgetChat, replaceMembers } from '../db/repositories/chat-members.repository';
import { noteUnnamed, saveNames } from '../db/repositories/people.repository';
import { LarkCallError, type LarkApi } from '../lark/client';
import type { Logger } from '../shared/logger';
import { createWorkerLoop, type WorkerLoop } from '../shared/worker-loop';
import { cleanName, isOpenId } from './people';

// Lark's answers for a chat the bot cannot read any more: not in it, not a chat, dissolved.
const CHAT_GONE_CODES = new Set([232011, 232006, 232009]);

export type MembershipSync = WorkerLoop & {
  /** Syncs every bound chat when a round is due; returns how many chats were read. */
  runOnce(): Promise<number>;
  /** Syncs every bound chat now. */
  syncAll(): Promise<{ synced: number; failed: number }>;
};

/**
 * Keeps chat_members true to Lark: every `intervalMs`, reads the member list of every bound
 * group (outside any transaction) and replaces the cached one. The member events keep it
 * current in between; this catches what they miss (events not subscribed, lost, or a member
 * removed while the bot was down).
 */
export function createMembershipSync(deps: {
  db: Database;
  lark: Pick<LarkApi, 'chatMembers'>;
  intervalMs: number;
  now: () => Date;
  logger: Logger;
  idleMs: number;
}): MembershipSync {
  let nextRoundAt = 0;

  async function syncChat(chatId: string): Promise<'synced' | 'failed' | 'lark_unavailable'> {
    const readAt = deps.now();
    try {
      const members = (await deps.lark.chatMembers(chatId)).filter((m) => isOpenId(m.openId));
      const { removed } = await replaceMembers(deps.db, { chatId, openIds: members.map((m) => m.openId), readAt });
      const named = members.flatMap((m) => {
        const name = cleanName(m.name);
        return name ? [{ openId: m.openId, name }] : [];
      });
      await saveNames(deps.db, { names: named, source: 'member', now: readAt });
      await noteUnnamed(deps.db, members.filter((m) => !cleanName(m.name)).map((m) => m.openId));
      if (removed) deps.logger.info({ chatId, removed, members: members.length }, 'chat members synced: some left');
      return 'synced';
    } catch (e) {
      const gone = e instanceof LarkCallError && e.code !== undefined && CHAT_GONE_CODES.has(e.code);
      // The bot can no longer see who is in it, so nobody counts as a member any more.
      if (gone) await forgetChat(deps.db, { chatId, at: readAt });
      deps.logger.warn({ chatId, gone, err: e instanceof Error ? e.message : String(e) }, 'chat members sync failed');
      return e instanceof LarkCallError && e.kind === 'permanent' ? 'failed' : 'lark_unavailable';
    }
  }

  /** A chat that cannot be read keeps its cached members; when Lark is unavailable the round stops there. */
  async function syncAll() {
    const chats = await listChatBindings(deps.db);
    let synced = 0;
    for (const { chatId } of chats) {
      const outcome = await syncChat(chatId);
      if (outcome === 'lark_unavailable') break;
      if (outcome === 'synced') synced++;
    }
    return { synced, failed: chats.length - synced };
  }

  async function runOnce(): Promise<number> {
    const now = deps.now().getTime();
    if (now < nextRoundAt) return 0;
    nextRoundAt = now + deps.intervalMs;
    return (await syncAll()).synced;
  }

  return { runOnce, syncAll, ...createWorkerLoop({ name: 'membership-sync', cycle: runOnce, idleMs: deps.idleMs, logger: deps.logger }) };
}
