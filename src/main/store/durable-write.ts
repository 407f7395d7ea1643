// One durable replacement of a document file, keeping the previous version as `<file>.bak`:
//   write a unique temp file → fdatasync it → rename file → .bak → rename temp → file → fsync dir.
// A kill at any point leaves either the old file, or (between the two renames) only the .bak and
// the temp file — `loadDoc` restores the .bak then. The write is acknowledged only after the
// directory fsync, so an acknowledged document survives a power cut as well as a kill.
import type { DocPaths } from './doc-paths.ts';
import { errnoOf, type StoreFs } from './store-fs.ts';

let counter = 0;

/** Temp files this module writes: `<file>.<pid>-<n>.tmp`. */
export const TEMP_FILE = /\.json\.\d+-\d+\.tmp$/;

export async function writeDurably(
  fs: StoreFs,
  paths: DocPaths,
  text: string,
  syncDir: (dir: string) => Promise<void>,
): Promise<void> {
  counter += 1;
  const temp = `${paths.file}.${process.pid}-${counter}.tmp`;
  const dropTemp = () => fs.unlink(temp).catch(() => undefined);

  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(text);
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
    await fs.rename(paths.file, paths.backup);
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') {
      await dropTemp();
      throw error;
    }
    hadPrevious = false;
  }
  const restorePrevious = () =>
    hadPrevious
      ? fs.rename(paths.backup, paths.file).catch(() => undefined)
      : fs.unlink(paths.file).catch(() => undefined);

  try {
    await fs.rename(temp, paths.file);
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
