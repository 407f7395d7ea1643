// One writer per data directory: `mission-tray.lock` holds the owner's pid. The lock file is
// created with its content in one step (write a temp file, then link it to the lock name, which
// fails if the name exists), so a reader never sees a half-written lock. A lock whose process is
// gone (a crash, a SIGKILL) is stale and taken over. Known limit: two processes taking over the
// same stale lock at the same instant could both succeed; the Electron shell's single-instance
// lock rules that out in the app.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { StoreLockedError } from '../../core/kernel/errors.ts';
import { errnoOf, writeAll, type StoreFs } from './store-fs.ts';

export const LOCK_FILE = 'mission-tray.lock';

const LockFile = z.object({ pid: z.int().positive(), since: z.string() });

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errnoOf(error) === 'EPERM';
  }
}

async function holderOf(fs: StoreFs, lockPath: string): Promise<number | null> {
  try {
    const parsed = LockFile.safeParse(JSON.parse((await fs.readFile(lockPath)).toString('utf8')));
    return parsed.success ? parsed.data.pid : null;
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

/** Takes the lock or throws StoreLockedError; resolves to its release. */
export async function acquireStoreLock(
  fs: StoreFs,
  root: string,
  now: Date,
): Promise<() => Promise<void>> {
  const lockPath = join(root, LOCK_FILE);
  const temp = `${lockPath}.${process.pid}-${randomUUID()}`;
  const content = JSON.stringify({ pid: process.pid, since: now.toISOString() });
  const handle = await fs.open(temp, 'wx');
  try {
    await writeAll(handle, content);
  } finally {
    await handle.close();
  }
  try {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await create(fs, lockPath, temp, content)) {
        return async () => {
          if ((await holderOf(fs, lockPath)) === process.pid) await fs.unlink(lockPath);
        };
      }
      const holder = await holderOf(fs, lockPath);
      if (holder !== null && isAlive(holder)) throw new StoreLockedError(root, holder);
      await fs.unlink(lockPath).catch(() => undefined);
    }
    throw new StoreLockedError(root, (await holderOf(fs, lockPath)) ?? 0);
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}
