// The ports the core works over. Adapters live in src/main (Electron, Node) and test/fakes.
import type { z } from 'zod';
import type { StoreNotice } from '../../shared/snapshot.ts';

/** The current instant and the rep's time zone; injected so tests control time. */
export interface ClockPort {
  now(): Date;
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone(): string;
}

export const systemClock: ClockPort = {
  now: () => new Date(),
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
};

/** One durable JSON document. */
export interface DocPort<T> {
  /** The document as on disk. Treat as read-only: change it only through `update`. */
  readonly data: T;
  /**
   * Computes the next document from the current one and writes it durably (file fsync, rename,
   * directory fsync). Resolves after the data is on disk. On a failed write it rejects with a
   * StorageError and both memory and disk keep the previous document.
   */
  update(fn: (current: T) => T): Promise<T>;
}

export interface DocSpec<T> {
  schema: z.ZodType<T>;
  empty: () => T;
  /** Upgrades an older document (by its `schemaVersion`) to the current shape, before parsing. */
  migrate?: (raw: unknown) => unknown;
}

/** The rep's local data directory: named JSON documents, one writer at a time. */
export interface StorePort {
  /** Opens (or creates, empty) a document by name, e.g. "missions" or "wins/2026/2026-11-23". */
  open<T>(name: string, spec: DocSpec<T>): Promise<DocPort<T>>;
  /** Names of existing documents under a prefix, sorted, e.g. list("wins/"). */
  list(prefix: string): Promise<string[]>;
  /** Damaged files found, moved aside and repaired since the store opened. */
  notices(): StoreNotice[];
  dismissNotice(id: string): void;
  /** Releases the single-writer lock. */
  close(): Promise<void>;
}
