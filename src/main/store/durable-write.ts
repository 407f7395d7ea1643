// One durable replacement of a document file, keeping the previous version as `<file>.bak`:
//   write a unique temp file → fdatasync it → rename file → .bak → rename temp → file → fsync dir.
// On Windows a rename that another process blocks for a moment is retried, briefly. Why the temp
// file is the old backup, why files are padded to 4 KiB with spaces, and why the retries stop after
// RENAME_RETRY_MS: docs/decisions/0004-durable-document-writes.md.
import { setTimeout as sleep } from 'node:timers/promises';
import type { DocPaths } from './doc-paths.ts';
import { setAside } from './set-aside.ts';
import { TEMP_FLAGS, errnoOf, writeAll, type StoreFileHandle, type StoreFs } from './store-fs.ts';

export const RENAME_RETRY_MS = 5_000;
const TRANSIENT_ON_WINDOWS = new Set(['EPERM', 'EBUSY', 'EACCES']);

export interface DurableWriteOptions {
  platform: NodeJS.Platform;
  /** How long a transiently failing rename is retried on Windows. */
  renameRetryMs?: number;
}

type Rename = (from: string, to: string) => Promise<void>;

/** `fs.rename`, retried with a growing pause (10 ms up to 100 ms) while Windows says "in use". */
function retryingRename(fs: StoreFs, options: DurableWriteOptions): Rename {
  if (options.platform !== 'win32') return (from, to) => fs.rename(from, to);
  const budget = options.renameRetryMs ?? RENAME_RETRY_MS;
  return async (from, to) => {
    const start = Date.now();
    for (let pause = 10; ; pause = Math.min(pause + 10, 100)) {
      try {
        return await fs.rename(from, to);
      } catch (error) {
        const transient = TRANSIENT_ON_WINDOWS.has(errnoOf(error) ?? '');
        if (!transient || Date.now() - start + pause > budget) throw error;
      }
      await sleep(pause);
    }
  };
}

let counter = 0;

/** Temp files this module writes: `<file>.<pid>-<n>.tmp`. */
export const TEMP_FILE = /\.json\.\d+-\d+\.tmp$/;

const BLOCK = 4096;
const padded = (text: string): string => {
  const size = Buffer.byteLength(text, 'utf8') + 1;
  return text + ' '.repeat(Math.ceil(size / BLOCK) * BLOCK - size) + '\n';
};

/**
 * Opens a temp file: the old backup, renamed, when there is one; else a new file. Nothing in the
 * data folder is opened through a symbolic link: a link planted at the backup is removed (its
 * target keeps its bytes) and a new file created in its place; anything else that is not a
 * regular file is set aside, never written into.
 */
async function openTemp(
  fs: StoreFs,
  rename: Rename,
  paths: DocPaths,
  temp: string,
): Promise<{ handle: StoreFileHandle; recycled: boolean }> {
  const backup = await fs.lstat(paths.backup).catch((error: unknown) => {
    if (errnoOf(error) === 'ENOENT') return null;
    throw error;
  });
  if (backup?.isFile()) {
    await rename(paths.backup, temp);
    try {
      return { handle: await fs.open(temp, TEMP_FLAGS.reuse), recycled: true };
    } catch (error) {
      // ELOOP: the backup was swapped for a link between the lstat and the open.
      if (errnoOf(error) !== 'ELOOP') throw error;
      await fs.unlink(temp);
    }
  } else if (backup?.isSymbolicLink()) {
    await fs.unlink(paths.backup);
  } else if (backup) {
    await setAside(fs, paths.backup, 'corrupt-backup', new Date());
  }
  return { handle: await fs.open(temp, TEMP_FLAGS.create), recycled: false };
}

export async function writeDurably(
  fs: StoreFs,
  paths: DocPaths,
  text: string,
  syncDir: (dir: string) => Promise<void>,
  options: DurableWriteOptions,
): Promise<void> {
  const rename = retryingRename(fs, options);
  counter += 1;
  const temp = `${paths.file}.${process.pid}-${counter}.tmp`;
  // On failure the temp file (maybe a half-overwritten backup) goes: a missing backup is better
  // than a damaged one.
  const dropTemp = () => fs.unlink(temp).catch(() => undefined);

  let handle: StoreFileHandle;
  let recycled: boolean;
  try {
    ({ handle, recycled } = await openTemp(fs, rename, paths, temp));
  } catch (error) {
    await dropTemp();
    throw error;
  }
  try {
    const length = await writeAll(handle, padded(text));
    if (recycled) await handle.truncate(length);
    await handle.datasync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await dropTemp();
    throw error;
  }
  try {
    await handle.close();
  } catch (error) {
    await dropTemp();
    throw error;
  }

  let hadPrevious = true;
  try {
    await rename(paths.file, paths.backup);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') {
      await dropTemp();
      throw error;
    }
    hadPrevious = false;
  }
  const restorePrevious = () =>
    hadPrevious
      ? rename(paths.backup, paths.file).catch(() => undefined)
      : fs.unlink(paths.file).catch(() => undefined);

  try {
    await rename(temp, paths.file);
  } catch (error) {
    if (hadPrevious) await restorePrevious();
    await dropTemp();
    throw error;
  }
  try {
    await syncDir(paths.dir);
  } catch (error) {
    // The new file is visible but may not survive a power cut, and the caller keeps the previous
    // document in memory: put the previous file back so memory and disk agree.
    await restorePrevious();
    throw error;
  }
}
