// Errors the core raises. Each carries a code the IPC boundary passes on and a sentence the rep
// can act on; errors the rep cannot cause keep their cause for the log.
import type { ErrorCode } from '../../shared/ipc.ts';

export class MissionTrayError extends Error {
  readonly code: ErrorCode;
  readonly path: (string | number)[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { path?: (string | number)[]; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'MissionTrayError';
    this.code = code;
    this.path = options?.path;
  }
}

/** A write that did not reach the disk (disk full, permission denied, …). Nothing changed. */
export class StorageError extends MissionTrayError {
  constructor(message: string, cause?: unknown) {
    super('storage', message, { cause });
    this.name = 'StorageError';
  }
}

/** Another Mission Tray already writes this data directory. */
export class StoreLockedError extends MissionTrayError {
  constructor(dir: string, pid: number) {
    super('conflict', `Mission Tray is already running (process ${pid}) and using ${dir}.`);
    this.name = 'StoreLockedError';
  }
}

/** Summary and settling writes are retried on the next tick; other errors are bugs. */
export function unlessStorage(error: unknown): void {
  if (!(error instanceof StorageError)) throw error;
}
