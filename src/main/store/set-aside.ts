// Moving a damaged file (or a folder, or a link) out of a document's way, to a new name beside it
// that no document, backup or temp file can have: `<name>.<tag>-<time>.json`.
import { errnoOf, type StoreFs } from './store-fs.ts';

/** Moves `file` to a new name beside it and returns that name; never overwrites an earlier one. */
export async function setAside(fs: StoreFs, file: string, tag: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replaceAll(':', '-');
  const base = file.replace(/\.json(\.bak)?$/, '');
  for (let n = 1; ; n += 1) {
    const aside = `${base}.${tag}-${stamp}${n > 1 ? `-${n}` : ''}.json`;
    try {
      // link + unlink rather than rename: link fails if the name is taken, rename would replace it.
      await fs.link(file, aside);
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') continue;
      await fs.rename(file, aside);
      return aside;
    }
    await fs.unlink(file);
    return aside;
  }
}
