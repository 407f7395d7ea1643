// The few file-system calls the store makes, as a port: production passes `nodeStoreFs`; tests
// swap in one failing syscall (ENOSPC on fsync, EACCES on open) around the real calls, because a
// root test process cannot be stopped from writing by chmod.
import * as fsSync from 'node:fs';
import * as fs from 'node:fs/promises';
import { promisify } from 'node:util';

/** An open file or directory, as the store uses it. */
export interface StoreFileHandle {
  write(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  truncate(length: number): Promise<void>;
  /** fdatasync: the data and the size, not the timestamps. */
  datasync(): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** What `lstat` tells the store about a name: the entry itself, never what a link points to. */
export interface StoreEntry {
  isFile(): boolean;
  isSymbolicLink(): boolean;
}

export interface StoreFs {
  /** `flags` as Node takes them: 'r', 'wx', or `O_…` constants (see `TEMP_FLAGS`). */
  open(path: string, flags: string | number): Promise<StoreFileHandle>;
  /** Never through a symbolic link: a link at `path` fails with ELOOP (where the OS can tell). */
  readFile(path: string): Promise<Buffer>;
  lstat(path: string): Promise<StoreEntry>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Recursive; resolves to the first directory created, or undefined when it already existed. */
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  readdir(path: string, options: { recursive: boolean }): Promise<string[]>;
}

// Windows has no O_NOFOLLOW (Node leaves it undefined there): its symbolic links need a privilege
// a rep's account does not have by default, and `lstat` before each reuse still sees them.
const { O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_EXCL } = fsSync.constants;
const O_NOFOLLOW: number = process.platform === 'win32' ? 0 : fsSync.constants.O_NOFOLLOW;

/** Opening a temp file: a new one exclusively, a reused backup in place; neither through a link. */
export const TEMP_FLAGS = {
  create: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
  reuse: O_RDWR | O_NOFOLLOW,
} as const;

const fdatasync = promisify(fsSync.fdatasync);
const fsync = promisify(fsSync.fsync);

// Why synchronous calls: one durable write makes about ten file-system calls. Most (open, write
// into the page cache, rename, close) take microseconds, but as async calls each costs a round
// trip through libuv's thread pool — measured at 50–100 µs each on a busy machine, more than the
// calls themselves. Only the two flushes, which wait for the disk, leave the main thread.
function fdHandle(fd: number): StoreFileHandle {
  return {
    write: async (buffer, offset, length, position) => ({
      bytesWritten: fsSync.writeSync(fd, buffer, offset, length, position),
    }),
    truncate: async (length) => fsSync.ftruncateSync(fd, length),
    datasync: () => fdatasync(fd),
    sync: () => fsync(fd),
    close: async () => fsSync.closeSync(fd),
  };
}

export const nodeStoreFs: StoreFs = {
  open: async (path, flags) => fdHandle(fsSync.openSync(path, flags)),
  readFile: (path) => fs.readFile(path, { flag: O_RDONLY | O_NOFOLLOW }),
  lstat: (path) => fs.lstat(path),
  rename: async (from, to) => fsSync.renameSync(from, to),
  link: async (existing, created) => fsSync.linkSync(existing, created),
  unlink: async (path) => fsSync.unlinkSync(path),
  mkdir: (path, options) => fs.mkdir(path, options),
  readdir: (path, options) => fs.readdir(path, options),
};

/** Writes all of `text` at the start of the file (a single write may stop short). */
export async function writeAll(handle: StoreFileHandle, text: string): Promise<number> {
  const buffer = Buffer.from(text, 'utf8');
  for (let done = 0; done < buffer.length;) {
    const { bytesWritten } = await handle.write(buffer, done, buffer.length - done, done);
    if (bytesWritten <= 0)
      throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
  return buffer.length;
}

/** The errno code of a Node system error ("ENOSPC"), or undefined. */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
