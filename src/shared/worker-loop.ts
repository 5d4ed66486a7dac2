import type { Logger } from './logger';

export interface WorkerLoop {
  start(): void;
  /** Wakes the loop at once, e.g. right after new work was written. */
  notify(): void;
  /** Stops after the current cycle; resolves when it has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `cycle` again and again; when a cycle found nothing to do, sleeps `idleMs` or until
 * notified. Polling is the safety net: work written by another instance is found too.
 * With several `lanes`, that many cycles run side by side (each must claim its own work).
 */
export function createWorkerLoop(input: {
  name: string;
  cycle: () => Promise<number>;
  idleMs: number;
  logger: Logger;
  lanes?: number;
}): WorkerLoop {
  let running = false;
  let loops: Promise<void>[] = [];

  function lane() {
    let wake: (() => void) | undefined;
    let wakeRequested = false;
    const notify = () => {
      if (wake) wake();
      else wakeRequested = true;
    };
    async function run() {
      while (running) {
        let done = 0;
        try {
          done = await input.cycle();
        } catch (e) {
          input.logger.error({ worker: input.name, err: e instanceof Error ? e.message : String(e) }, 'worker cycle failed');
        }
        if (done > 0 || !running) continue;
        if (wakeRequested) {
          wakeRequested = false;
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, input.idleMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
    return { run, notify };
  }

  const lanes = Array.from({ length: input.lanes ?? 1 }, lane);

  return {
    start() {
      if (running) return;
      running = true;
      loops = lanes.map((l) => l.run());
    },
    notify() {
      for (const l of lanes) l.notify();
    },
    async stop() {
      running = false;
      for (const l of lanes) l.notify();
      await Promise.all(loops);
    },
  };
}
