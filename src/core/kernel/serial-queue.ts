// One task at a time, in the order they arrive: the core's commands, and each store document's
// writes, go through one of these.

export interface SerialQueue {
  /** Runs `task` once every task queued before it has settled; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once every task queued so far has settled. Never rejects. */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      // A failed task is its caller's to handle; the next task runs regardless.
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
    idle: () => tail,
  };
}
