// A value the core owns, kept current outside React: asked for once, then replaced by every
// snapshot the core pushes. Created before the first render (main.tsx), so the first request
// leaves while React is still starting, and no push between request and render is missed.
import { useSyncExternalStore } from 'react';
import type { IpcError, Result } from '../shared/ipc.ts';

export interface Live<T> {
  value: T | null;
  error: IpcError | null;
}

export interface LiveValue<T> {
  get(): Live<T>;
  subscribe(listener: () => void): () => void;
  /** A newer value from the answer to an action (the same the core would push). */
  accept(value: T): void;
}

export function createLiveValue<T>(
  request: () => Promise<Result<T>>,
  onPush: (listener: (value: T) => void) => unknown,
): LiveValue<T> {
  let state: Live<T> = { value: null, error: null };
  let pushed = false;
  const listeners = new Set<() => void>();
  const set = (next: Live<T>) => {
    state = next;
    for (const listener of listeners) listener();
  };
  onPush((value) => {
    pushed = true;
    set({ value, error: null });
  });
  void request().then((r) => {
    // A pushed value is at least as new as the answer to this first request.
    if (pushed) return;
    set(r.ok ? { value: r.value, error: null } : { value: null, error: r.error });
  });
  return {
    get: () => state,
    accept(value) {
      pushed = true;
      set({ value, error: null });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const useLive = <T>(live: LiveValue<T>): Live<T> =>
  useSyncExternalStore(live.subscribe, live.get);

/**
 * A request the app pushed to the window (show this mission's card), held until a view has
 * carried it out. Subscribed before the first render (main.tsx): the app sends it as soon as the
 * page has loaded, before React has drawn anything, let alone the card it is about.
 */
export interface PendingRequest<T> {
  get(): T | null;
  subscribe(listener: () => void): () => void;
  /** Carried out (or found moot): cleared, unless a newer request came meanwhile. */
  done(value: T): void;
}

export function createPendingRequest<T>(
  onPush: (listener: (value: T) => void) => unknown,
): PendingRequest<T> {
  let pending: T | null = null;
  const listeners = new Set<() => void>();
  const set = (next: T | null) => {
    pending = next;
    for (const listener of listeners) listener();
  };
  onPush((value) => set(value));
  return {
    get: () => pending,
    done(value) {
      if (pending === value) set(null);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
