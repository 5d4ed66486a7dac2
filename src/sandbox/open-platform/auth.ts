import { LarkError, randomHex, type Reply, asRecord } from './support';

/** POST /open-apis/auth/v3/tenant_access_token/internal and the bearer check of every other call (LARK.md §5.2). */
export function createAuth({ appId, appSecret }: { appId: string; appSecret: string }) {
  const validTokens = new Set<string>();

  function authenticate(headers: Record<string, string>): void {
    const header = headers.authorization;
    if (!header) {
      throw new LarkError(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
    }
    const token = header.replace(/^Bearer\s+/i, '');
    if (!validTokens.has(token)) {
      throw new LarkError(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    }
  }

  function issueToken(body: unknown): Reply {
    const { app_id, app_secret } = asRecord(body);
    if (app_id !== appId) return { status: 400, body: { code: 10003, msg: 'invalid param' } };
    if (app_secret !== appSecret) return { status: 400, body: { code: 10014, msg: 'app secret invalid' } };
    const token = `t-${randomHex(20)}`;
    validTokens.add(token);
    return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
  }

  return { issueToken, authenticate, expireTokens: () => validTokens.clear() };
}
