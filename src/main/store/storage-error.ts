// Turns a failed system call into a StorageError whose sentence tells the rep what happened and
// what to do; the original error stays as the cause, for the log.
import { StorageError } from '../../core/kernel/errors.ts';
import { docChange } from './doc-paths.ts';
import { errnoOf } from './store-fs.ts';

export function writeFailed(error: unknown, name: string, dir: string): StorageError {
  const lost = docChange(name);
  const code = errnoOf(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new StorageError(
        `Your disk is full — ${lost} was not saved. Free some space and try again.`,
        error,
      );
    case 'EACCES':
    case 'EPERM':
      return new StorageError(
        `Mission Tray is not allowed to write to its data folder (${dir}) — ${lost} was not saved. Check the folder's permissions and try again.`,
        error,
      );
    case 'EROFS':
      return new StorageError(
        `The disk holding Mission Tray's data is read-only — ${lost} was not saved. Make the disk writable and try again.`,
        error,
      );
    case 'EIO':
      return new StorageError(
        `The disk reported an error — ${lost} was not saved. Check the disk, then try again.`,
        error,
      );
    default:
      return new StorageError(
        `Mission Tray could not write to its data folder (${dir}${code ? `, ${code}` : ''}) — ${lost} was not saved. Try again; if it keeps failing, restart Mission Tray.`,
        error,
      );
  }
}

export function openFailed(error: unknown, dir: string): StorageError {
  const code = errnoOf(error);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'it is not allowed to write there'
      : code === 'EEXIST' || code === 'ENOTDIR'
        ? 'a file is in the way of that folder'
        : code === 'EROFS'
          ? 'the disk is read-only'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : `the disk refused${code ? ` (${code})` : ''}`;
  return new StorageError(
    `Mission Tray cannot use its data folder (${dir}) because ${why}. Fix that, then start Mission Tray again.`,
    error,
  );
}

export function readFailed(error: unknown, file: string): StorageError {
  const code = errnoOf(error);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'it is not allowed to'
      : `the disk refused${code ? ` (${code})` : ''}`;
  return new StorageError(
    `Mission Tray could not read ${file} because ${why}. Check the file's permissions, then restart Mission Tray.`,
    error,
  );
}
