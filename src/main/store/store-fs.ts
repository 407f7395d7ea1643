// The few file-system calls the store makes, as a port: production passes node:fs/promises;
// tests swap in one failing syscall (ENOSPC on fsync, EACCES on open) around the real calls,
// because a root test process cannot be stopped from writing by chmod.
import * as fs from 'node:fs/promises';

/** The part of a FileHandle the store uses. A real `FileHandle` satisfies it. */
export interface StoreFileHandle {
  writeFile(data: string): Promise<void>;
  /** fdatasync: the data and the size, not the timestamps. */
  datasync(): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreFs {
  open(path: string, flags: string): Promise<StoreFileHandle>;
  readFile(path: string): Promise<Buffer>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Recursive; resolves to the first directory created, or undefined when it already existed. */
  mkdir(path: string, options: { recursive: true }): Promise<string | undefined>;
  readdir(path: string, options: { recursive: boolean }): Promise<string[]>;
}

export const nodeStoreFs: StoreFs = {
  open: (path, flags) => fs.open(path, flags),
  readFile: (path) => fs.readFile(path),
  rename: (from, to) => fs.rename(from, to),
  link: (existing, created) => fs.link(existing, created),
  unlink: (path) => fs.unlink(path),
  mkdir: (path, options) => fs.mkdir(path, options),
  readdir: (path, options) => fs.readdir(path, options),
};

/** The errno code of a Node system error ("ENOSPC"), or undefined. */
export function errnoOf(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}
