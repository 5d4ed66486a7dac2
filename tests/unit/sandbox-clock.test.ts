import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LarkPlatform, startLarkPlatform } from '../../src/sandbox/lark-platform';
import { createSandboxClock } from '../../src/sandbox/sandbox-clock';
import { openSandboxStore } from '../../src/sandbox/sandbox-store';

describe('the sandbox clock', () => {
  let dir: string;
  let platform: LarkPlatform;
  let real: Date;
  const realNow = () => real;
  const clockOn = () => createSandboxClock({ store: openSandboxStore({ dir, platform }), realNow });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'homewatch-clock-'));
    platform = await startLarkPlatform();
    real = new Date('2026-12-02T14:00:00+08:00');
  });
  afterEach(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads real time until simulated, then the simulated instant running on with real time', () => {
    const clock = clockOn();
    expect(clock.now()).toEqual(real);
    expect(clock.simulatedNow()).toBeNull();

    clock.simulate(new Date('2026-12-05T08:00:00+08:00'));
    expect(clock.now()).toEqual(new Date('2026-12-05T08:00:00+08:00'));
    real = new Date(real.getTime() + 2 * 60_000);
    expect(clock.now()).toEqual(new Date('2026-12-05T08:02:00+08:00'));
    expect(clock.simulatedNow()).toEqual(clock.now());

    clock.useRealTime();
    expect(clock.now()).toEqual(real);
    expect(clock.simulatedNow()).toBeNull();
  });

  it('is kept with the chats, so a restart stays on the simulated day; going back to real time is kept too', async () => {
    const first = openSandboxStore({ dir, platform });
    createSandboxClock({ store: first, realNow }).simulate(new Date('2026-12-05T08:00:00+08:00'));
    await first.flush();
    real = new Date(real.getTime() + 60 * 60_000);
    const second = openSandboxStore({ dir, platform });
    expect(createSandboxClock({ store: second, realNow }).now()).toEqual(new Date('2026-12-05T09:00:00+08:00'));

    createSandboxClock({ store: second, realNow }).useRealTime();
    await second.flush();
    expect(clockOn().simulatedNow()).toBeNull();
  });
});
