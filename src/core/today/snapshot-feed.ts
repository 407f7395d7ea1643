// Today's snapshot pushed to its subscribers (the window, the tray, the scheduler) after every
// change, and after a tick only when the view changed.
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { sameView } from './same-view.ts';

export interface SnapshotFeed {
  /** Computes the snapshot and hands it to every subscriber; returns it. */
  emit(): TodaySnapshot;
  /** The same, unless the snapshot shows what the last one emitted showed. */
  emitIfChanged(): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: (snapshot: TodaySnapshot) => void): () => void;
  clear(): void;
}

export function createSnapshotFeed(snapshot: () => TodaySnapshot): SnapshotFeed {
  const listeners = new Set<(snapshot: TodaySnapshot) => void>();
  let lastEmitted: TodaySnapshot | null = null;
  function emit(): TodaySnapshot {
    const snap = snapshot();
    lastEmitted = snap;
    for (const listener of listeners) {
      try {
        listener(snap);
      } catch (error) {
        // A view's failure must not turn an acknowledged write into a failed command.
        console.error('[core] snapshot listener failed', error);
      }
    }
    return snap;
  }
  return {
    emit,
    emitIfChanged() {
      if (!sameView(snapshot(), lastEmitted)) emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear: () => listeners.clear(),
  };
}
