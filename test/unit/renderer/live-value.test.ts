// The window's live values: the first answer fills them, pushes replace them, and a slow first
// answer never overwrites a newer push (the window would show a stale count).
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/ipc.ts';
import { createLiveValue, createPendingRequest } from '../../../src/renderer/live-value.ts';

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function pushChannel<T>() {
  let listener: ((value: T) => void) | null = null;
  return {
    onPush: (l: (value: T) => void) => (listener = l),
    push: (value: T) => listener?.(value),
  };
}

describe('createLiveValue', () => {
  it('shows the first answer, then every push', async () => {
    const first = deferred<Result<number>>();
    const channel = pushChannel<number>();
    const live = createLiveValue(() => first.promise, channel.onPush);
    const seen: (number | null)[] = [];
    live.subscribe(() => seen.push(live.get().value));

    expect(live.get()).toEqual({ value: null, error: null });
    first.resolve({ ok: true, value: 1 });
    await first.promise;
    await Promise.resolve();
    channel.push(2);
    expect(seen).toEqual([1, 2]);
  });

  it('keeps a push that arrived before a slower first answer', async () => {
    const first = deferred<Result<number>>();
    const channel = pushChannel<number>();
    const live = createLiveValue(() => first.promise, channel.onPush);
    channel.push(5);
    first.resolve({ ok: true, value: 4 });
    await first.promise;
    await Promise.resolve();
    expect(live.get().value).toBe(5);
  });

  it('carries the sentence of a failed first answer', async () => {
    const first = deferred<Result<number>>();
    const live = createLiveValue(() => first.promise, pushChannel<number>().onPush);
    first.resolve({ ok: false, error: { code: 'storage', message: 'The disk is full.' } });
    await first.promise;
    await Promise.resolve();
    expect(live.get()).toEqual({
      value: null,
      error: { code: 'storage', message: 'The disk is full.' },
    });
  });

  it('takes the value an action answered with, as if pushed', () => {
    const channel = pushChannel<number>();
    const live = createLiveValue(
      () => new Promise<Result<number>>(() => undefined),
      channel.onPush,
    );
    live.accept(7);
    expect(live.get().value).toBe(7);
  });
});

describe('createPendingRequest', () => {
  it('holds a link’s mission until shown; a newer one is not cleared by the older being done', () => {
    const channel = pushChannel<string>();
    const pending = createPendingRequest(channel.onPush);
    let changes = 0;
    pending.subscribe(() => changes++);
    expect(pending.get()).toBeNull();
    channel.push('m1');
    expect(pending.get()).toBe('m1');
    channel.push('m2'); // a second link before the first card was shown
    pending.done('m1');
    expect(pending.get()).toBe('m2');
    pending.done('m2');
    expect(pending.get()).toBeNull();
    expect(changes).toBe(3);
  });
});
