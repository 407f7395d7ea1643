// One writer per data directory: `mission-tray.lock` holds the owner's pid and single-instance
// scope, created whole in one step (a temp file linked to the lock name). When a lock is stale and
// taken over, and its known limit: docs/decisions/0004-durable-document-writes.md.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreLockedError } from '../../core/kernel/errors.ts';
import { errnoOf, writeAll, type StoreFs } from './store-fs.ts';

export const LOCK_FILE = 'mission-tray.lock';

const LockFile = z.object({
  pid: z.int().positive(),
  since: z.string(),
  singleInstance: z.string().optional(),
});
type LockFile = z.infer<typeof LockFile>;

/** Locks this process holds now (a process can open a folder once; see the tests). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errnoOf(error) === 'EPERM';
  }
}

async function holderOf(fs: StoreFs, lockPath: string): Promise<LockFile | null> {
  try {
    const parsed = LockFile.safeParse(JSON.parse((await fs.readFile(lockPath)).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    // Missing or garbage: nobody holds it.
    return null;
  }
}

/** Creates the lock file holding `content`; false when it already exists. */
async function create(fs: StoreFs, lockPath: string, temp: string, content: string) {
  try {
    await fs.link(temp, lockPath);
    return true;
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
  }
  // A file system without hard links (FAT, some network shares): exclusive create, then write.
  let handle;
  try {
    handle = await fs.open(lockPath, 'wx');
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw error;
  }
  try {
    await writeAll(handle, content);
  } finally {
    await handle.close();
  }
  return true;
}

/** Whether the lock's writer may still be writing the folder. */
function mayBeLive(holder: LockFile, lockPath: string, singleInstance: string | undefined) {
  if (heldHere.has(lockPath)) return true;
  if (holder.pid === process.pid) return false;
  if (singleInstance !== undefined && holder.singleInstance === singleInstance) return false;
  return isAlive(holder.pid);
}

/**
 * Takes the lock or throws StoreLockedError; resolves to its release. `singleInstance` is the
 * scope of the single-instance lock the caller holds (Electron's, keyed by userData), if any.
 */
export async function acquireStoreLock(
  fs: StoreFs,
  root: string,
  now: Date,
  singleInstance?: string,
): Promise<() => Promise<void>> {
  const lockPath = join(root, LOCK_FILE);
  const temp = `${lockPath}.${process.pid}-${randomUUID()}`;
  const mine: LockFile = { pid: process.pid, since: now.toISOString(), singleInstance };
  const content = JSON.stringify(mine);
  const handle = await fs.open(temp, 'wx');
  try {
    await writeAll(handle, content);
  } finally {
    await handle.close();
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await create(fs, lockPath, temp, content)) {
        heldHere.add(lockPath);
        return async () => {
          heldHere.delete(lockPath);
          if ((await holderOf(fs, lockPath))?.pid === process.pid) await fs.unlink(lockPath);
        };
      }
      const holder = await holderOf(fs, lockPath);
      if (holder !== null && mayBeLive(holder, lockPath, singleInstance)) {
        throw new StoreLockedError(root, holder.pid);
      }
      await fs.unlink(lockPath).catch(() => undefined);
    }
    throw new StoreLockedError(root, (await holderOf(fs, lockPath))?.pid ?? 0);
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}
