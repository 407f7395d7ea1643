import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '../../../../src/core/kernel/serial-queue.ts';

/** A task that finishes only when told to, recording when it starts and ends. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    open,
    task: async () => {
      log.push(`start ${name}`);
      await opened;
      log.push(`end ${name}`);
      return name;
    },
  };
}

describe('serial queue', () => {
  it('starts a task only after the one before it has finished, in arrival order', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = queue.run(a.task);
    const second = queue.run(b.task);
    b.open();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(['start a']);
    a.open();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('hands a failure to its caller and runs the next task regardless', async () => {
    const queue = createSerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('disk full')));
    const next = queue.run(async () => 'logged');
    await expect(failed).rejects.toThrow('disk full');
    await expect(next).resolves.toBe('logged');
  });

  it('is idle once every task queued so far has settled, failed ones included', async () => {
    const queue = createSerialQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    void queue.run(a.task);
    queue.run(() => Promise.reject(new Error('refused'))).catch(() => undefined);
    let idle = false;
    const waiting = queue.idle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(idle).toBe(false);
    a.open();
    await waiting;
    expect(log).toEqual(['start a', 'end a']);
  });
});
