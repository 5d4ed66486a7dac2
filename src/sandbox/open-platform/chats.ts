import type { PlatformState } from './state';
import { clampInt, invalidParam, ok, type Reply, type Req, TENANT_KEY } from './support';

/** Chat members and the contact API (LARK.md §5.6). */
export function createChatsArea(state: PlatformState) {
  const { members, users, unreachable } = state;

  function listMembers(req: Req, chatId: string): Reply {
    if (unreachable.has(chatId)) return { status: 400, body: { code: 232011, msg: 'Operator can NOT be out of the chat.' } };
    const all = members.get(chatId) ?? [];
    const pageSize = clampInt(req.query.page_size, 1, 100, 20);
    const start = clampInt(req.query.page_token, 0, Number.MAX_SAFE_INTEGER, 0);
    const page = all.slice(start, start + pageSize);
    const next = start + page.length;
    return ok({
      items: page.map((openId) => ({ member_id_type: 'open_id', member_id: openId, ...(users.has(openId) ? { name: users.get(openId) } : {}), tenant_key: TENANT_KEY })),
      page_token: next < all.length ? String(next) : '',
      has_more: next < all.length,
      member_total: all.length,
    });
  }

  /** GET /open-apis/contact/v3/users/:user_id (LARK.md §5.6); someone outside the tenant is refused as Lark refuses an id out of the app's range. */
  function getUser(req: Req, openId: string): Reply {
    if ((req.query.user_id_type ?? 'open_id') !== 'open_id') throw invalidParam('this simulator knows users by open_id only');
    const name = users.get(openId);
    if (name === undefined) return { status: 400, body: { code: 41050, msg: 'no user authority error' } };
    const suffix = openId.replace(/^ou_/, '');
    return ok({ user: { open_id: openId, union_id: `on_${suffix}`, user_id: `u_${suffix}`, name, en_name: '', nickname: '', avatar: {} } });
  }

  return { listMembers, getUser, isInChat: (chatId: string) => ok({ is_in_chat: !unreachable.has(chatId) }) };
}
