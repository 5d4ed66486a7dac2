import { describe, expect, it } from 'vitest';
import { endpointCodeOf, fatalConnectionHint } from '../../src/lark/long-connection/endpoint-codes';

// The errors as the SDK's WSClient passes them to onError (node-sdk 1.74.0, reConnect / pullConnectConfig).
const pullFailed = (code: number, msg: string) => new Error(`pullConnectConfig failed: code=${code}, msg=${msg}`);

describe('what the log says when the long connection stops for good', () => {
  it('reads the endpoint code from the SDK error', () => {
    expect(endpointCodeOf(pullFailed(514, 'auth failed'))).toBe('514');
    expect(endpointCodeOf(new Error('WebSocket reconnect exhausted after 3 attempts'))).toBeNull();
  });

  it('names the setting to check for each fatal code', () => {
    const domain = 'https://open.feishu.cn';
    expect(fatalConnectionHint(pullFailed(514, 'auth failed'), domain)).toContain('LARK_APP_SECRET');
    expect(fatalConnectionHint(pullFailed(403, 'forbidden'), domain)).toContain('使用长连接接收事件/回调');
    expect(fatalConnectionHint(pullFailed(1000040350, 'exceed'), domain)).toContain('at most 50');
    expect(fatalConnectionHint(pullFailed(1, 'system busy'), domain)).toContain('system busy');
    expect(fatalConnectionHint(new Error('WebSocket reconnect exhausted after 3 attempts'), domain)).toContain(`reaches ${domain} over HTTPS and WSS`);
    expect(fatalConnectionHint(pullFailed(99, 'odd'), domain)).toContain('code=99');
  });
});
