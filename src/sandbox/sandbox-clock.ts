import type { SandboxStore } from './sandbox-store';

/**
 * The sandbox's clock: the time at which the bot does the township's work (commands, card
 * presses, imports, escalations). Real time until the jobs panel runs a job at a simulated
 * date or time; from then on that instant, running on with real time, so that a trainer who
 * runs 今日采样名单 at 08:00 and presses 已采样 two minutes later sees 08:02, as on that day.
 * It stays simulated until the page goes back to real time or `sandbox reset` forgets it.
 *
 * Kept as an offset from real time in the chats' state: a restart keeps the simulated day,
 * and the time the server was stopped passes for it as for everyone else.
 */
export interface SandboxClock {
  now(): Date;
  /** The simulated instant now; null on real time. */
  simulatedNow(): Date | null;
  /** From now on the clock reads `at`, and runs on from there. */
  simulate(at: Date): void;
  useRealTime(): void;
}

export function createSandboxClock(input: { store: SandboxStore; realNow?: () => Date }): SandboxClock {
  const realNow = input.realNow ?? (() => new Date());
  const simulatedNow = () => {
    const offset = input.store.clockOffsetMs;
    return offset === null ? null : new Date(realNow().getTime() + offset);
  };
  return {
    now: () => simulatedNow() ?? realNow(),
    simulatedNow,
    simulate: (at) => input.store.setClockOffset(at.getTime() - realNow().getTime()),
    useRealTime: () => input.store.setClockOffset(null),
  };
}
