// The rep's local data directory as a StorePort: named JSON documents held by lowdb, each parsed
// with its zod schema on load, written durably one at a time, repaired (never discarded) when
// damaged, and guarded by a single-writer lock. Cost does not grow with history: a document is
// read only when first opened, and a write replaces that one small file.
import { dirname, join, resolve } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { StoreLockedError } from '../../core/kernel/errors.ts';
import {
  systemClock,
  type ClockPort,
  type DocPort,
  type DocSpec,
  type StorePort,
} from '../../core/kernel/ports.ts';
import { createSerialQueue } from '../../core/kernel/serial-queue.ts';
import type { StoreNotice } from '../../shared/snapshot.ts';
import { assertPrefix, docNameOfEntry, docPaths, type DocPaths } from './doc-paths.ts';
import { TEMP_FILE, writeDurably } from './durable-write.ts';
import { loadDoc } from './load-doc.ts';
import { openFailed, writeFailed } from './storage-error.ts';
import { acquireStoreLock } from './store-lock.ts';
import { errnoOf, nodeStoreFs, type StoreFileHandle, type StoreFs } from './store-fs.ts';

export type { StoreFs, StoreFileHandle } from './store-fs.ts';

export interface OpenStoreOptions {
  /** Stamps notices and set-aside file names. */
  clock?: ClockPort;
  /** The file-system calls; tests inject a failing syscall here. */
  fs?: StoreFs;
  /** Where repairs are logged with their technical cause. */
  log?: (message: string, detail?: unknown) => void;
  /**
   * The scope of the single-instance lock this process holds (the app: its userData path, which
   * keys Electron's requestSingleInstanceLock). A store lock left under the same scope is from an
   * earlier run, stale whatever its PID (see store-lock.ts).
   */
  singleInstance?: string;
  /** The OS whose file-system quirks apply (Windows: no directory fsync, renames retried). */
  platform?: NodeJS.Platform;
  /** How long a rename Windows reports as in use is retried; see durable-write.ts. */
  renameRetryMs?: number;
}

interface OpenDoc {
  spec: unknown;
  /** While the file is being read. */
  opening: Promise<unknown> | null;
  /**
   * Once open, the port is held weakly: a document nobody holds any more (a past day read for an
   * export or an undo) can be collected, so memory does not grow with history. Reopening reads
   * the file again, which equals memory whenever no write is under way — and a write under way
   * keeps its document reachable.
   */
  ref: WeakRef<object> | null;
}

export async function openStore(dir: string, options: OpenStoreOptions = {}): Promise<StorePort> {
  const fs = options.fs ?? nodeStoreFs;
  const clock = options.clock ?? systemClock;
  const log =
    options.log ?? ((message, detail) => console.warn(`[store] ${message}`, detail ?? ''));
  const root = resolve(dir);
  const platform = options.platform ?? process.platform;

  let releaseLock: () => Promise<void>;
  try {
    await fs.mkdir(root, { recursive: true });
    releaseLock = await acquireStoreLock(fs, root, clock.now(), options.singleInstance);
  } catch (error) {
    throw error instanceof StoreLockedError ? error : openFailed(error, root);
  }

  const docs = new Map<string, OpenDoc>();
  const notices: StoreNotice[] = [];
  const dirHandles = new Map<string, Promise<StoreFileHandle>>();
  const cleanedDirs = new Set<string>();
  const readyDirs = new Set<string>([root]);
  /** Writes under way, awaited by `close`. */
  const inflight = new Set<Promise<unknown>>();
  const collected = new FinalizationRegistry<{ name: string; entry: OpenDoc }>(
    ({ name, entry }) => {
      if (docs.get(name) === entry) docs.delete(name);
    },
  );
  let closed = false;

  const syncDir = async (path: string): Promise<void> => {
    // Windows cannot open a directory to fsync it; NTFS makes the rename durable on its own.
    if (platform === 'win32') return;
    let handle = dirHandles.get(path);
    if (!handle) {
      handle = fs.open(path, 'r');
      dirHandles.set(path, handle);
      handle.catch(() => dirHandles.delete(path));
    }
    await (await handle).sync();
  };

  /** Creates a document's directory on its first write, and makes the new entries durable. */
  const ensureDir = async (path: string): Promise<void> => {
    if (readyDirs.has(path)) return;
    const created = await fs.mkdir(path, { recursive: true });
    if (created !== undefined) {
      for (let d = dirname(path); ; d = dirname(d)) {
        await syncDir(d);
        if (d === root || d === dirname(d) || !d.startsWith(root)) break;
      }
    }
    readyDirs.add(path);
  };

  /** Removes temp files a killed writer left behind, once per directory (the lock: sole writer). */
  const cleanDir = async (path: string): Promise<void> => {
    if (cleanedDirs.has(path)) return;
    cleanedDirs.add(path);
    let entries: string[];
    try {
      entries = await fs.readdir(path, { recursive: false });
    } catch {
      return;
    }
    for (const entry of entries.filter((e) => TEMP_FILE.test(e))) {
      await fs.unlink(join(path, entry)).catch(() => undefined);
    }
  };

  const persist = async (paths: DocPaths, text: string): Promise<void> => {
    await ensureDir(paths.dir);
    await writeDurably(fs, paths, text, syncDir, {
      platform,
      renameRetryMs: options.renameRetryMs,
    });
  };

  const adapterFor = <T>(paths: DocPaths, spec: DocSpec<T>): Adapter<T> => ({
    async read() {
      await cleanDir(paths.dir);
      const loaded = await loadDoc(fs, paths, spec, clock.now());
      if (loaded.notice) {
        notices.push(loaded.notice);
        log(`repaired ${paths.file}: ${loaded.damage}; kept as ${loaded.notice.movedTo}`);
      }
      if (loaded.mustWrite) {
        try {
          await persist(paths, JSON.stringify(loaded.data));
        } catch (error) {
          // Memory holds the repaired document; the next successful write puts it on disk.
          log(`could not write the repaired ${paths.file}`, error);
        }
      }
      return loaded.data;
    },
    write: (data) => persist(paths, JSON.stringify(data)),
  });

  const openDoc = async <T>(paths: DocPaths, spec: DocSpec<T>): Promise<DocPort<T>> => {
    const db = new Low<T>(adapterFor(paths, spec), spec.empty());
    await db.read();
    const queue = createSerialQueue();
    return {
      get data() {
        return db.data;
      },
      update(fn) {
        // Not lowdb's `update`, which changes memory before the write: memory takes the new
        // document only once it is on disk, so a failed write leaves both at the previous one.
        if (closed) {
          return Promise.reject(new Error(`The store is closed; cannot update ${paths.name}`));
        }
        const run = async (): Promise<T> => {
          const next = fn(db.data);
          if (next === db.data) return next;
          // Serialised outside the try: a document that cannot be serialised is a bug, not a
          // storage failure to tell the rep about.
          const text = JSON.stringify(next);
          try {
            await persist(paths, text);
          } catch (error) {
            throw writeFailed(error, paths.name, root);
          }
          db.data = next;
          return next;
        };
        const result = queue.run(run);
        const tail = queue.idle();
        inflight.add(tail);
        void tail.then(() => inflight.delete(tail));
        return result;
      },
    };
  };

  return {
    async open<T>(name: string, spec: DocSpec<T>): Promise<DocPort<T>> {
      if (closed) throw new Error(`The store is closed; cannot open ${name}`);
      const paths = docPaths(root, name);
      const known = docs.get(name);
      if (known) {
        if (known.spec !== spec) {
          throw new Error(`Document ${name} is already open with another spec`);
        }
        // Same name and same spec object, so the cached port is a DocPort<T>.
        const live = known.ref?.deref() ?? known.opening;
        if (live) return live as DocPort<T> | Promise<DocPort<T>>;
      }
      const entry: OpenDoc = { spec, opening: null, ref: null };
      const opening = openDoc(paths, spec).then(
        (port) => {
          entry.opening = null;
          entry.ref = new WeakRef(port);
          collected.register(port, { name, entry });
          return port;
        },
        (error: unknown) => {
          if (docs.get(name) === entry) docs.delete(name);
          throw error;
        },
      );
      entry.opening = opening;
      docs.set(name, entry);
      return opening;
    },

    async list(prefix) {
      assertPrefix(prefix);
      const base = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      let entries: string[];
      try {
        entries = await fs.readdir(join(root, base), { recursive: true });
      } catch (error) {
        if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return [];
        throw error;
      }
      const names = new Set<string>();
      for (const entry of entries) {
        const name = docNameOfEntry(entry);
        if (name !== null && (base + name).startsWith(prefix)) names.add(base + name);
      }
      return [...names].sort();
    },

    notices: () => [...notices],

    dismissNotice(id) {
      const i = notices.findIndex((n) => n.id === id);
      if (i >= 0) notices.splice(i, 1);
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(inflight);
      for (const handle of dirHandles.values()) {
        await handle.then((h) => h.close()).catch(() => undefined);
      }
      await releaseLock();
    },
  };
}
