// The core's commands run one at a time, in the order they arrive, until the core closes.
import { createSerialQueue } from '../kernel/serial-queue.ts';

export interface CommandQueue {
  run<T>(command: () => Promise<T>): Promise<T>;
  /** Refuses new commands and resolves once the running ones have settled. */
  close(): Promise<void>;
}

export function createCommandQueue(): CommandQueue {
  const queue = createSerialQueue();
  let shuttingDown = false;
  return {
    run(command) {
      if (shuttingDown) return Promise.reject(new Error('Mission Tray is shutting down.'));
      return queue.run(command);
    },
    close() {
      shuttingDown = true;
      return queue.idle();
    },
  };
}
