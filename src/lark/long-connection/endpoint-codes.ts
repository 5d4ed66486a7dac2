/**
 * What an operator should do about each way the long connection can end for good. The
 * Node SDK retries only code 1000040343 of the endpoint call; every other code, and a
 * reconnect loop that ran out of attempts, stops the client (LARK.md §6.1).
 */
const HINTS: Record<string, string> = {
  '1': 'Lark reports system busy (code 1); the watchdog reconnects. If it persists, check https://status.feishu.cn',
  '403':
    'Lark refused the long connection (code 403): in the developer console, Events & Callbacks → subscription mode, choose "Receive events/callbacks through persistent connection" (使用长连接接收事件/回调) for both events and callbacks; only self-built (企业自建) apps may use it',
  '514': 'Lark refused the app credentials (code 514): check LARK_APP_ID and LARK_APP_SECRET against Credentials & Basic Info in the developer console',
  '1000040350':
    'Lark refused the connection: too many connections for this app (code 1000040350, at most 50): stop other instances or stale processes holding a long connection',
};

/** The endpoint code in an SDK error (`pullConnectConfig failed: code=514, msg=…`), if any. */
export function endpointCodeOf(error: Error): string | null {
  return /code=(\d+)/.exec(error.message)?.[1] ?? null;
}

/** A log line a person can act on, for an error that stopped the SDK's client. */
export function fatalConnectionHint(error: Error, domain: string): string {
  const code = endpointCodeOf(error);
  if (code && HINTS[code]) return HINTS[code];
  if (/exhausted|autoReconnect/.test(error.message)) {
    return `the long connection to Lark could not be re-established: check that this machine reaches ${domain} over HTTPS and WSS (proxy, firewall, DNS); the watchdog keeps trying`;
  }
  return `the long connection to Lark stopped (${error.message}); the watchdog reconnects`;
}
