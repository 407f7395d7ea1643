// Reads one document at open, repairing what it finds instead of crashing or discarding: a
// missing file from its backup, a damaged one set aside as `<name>.corrupt-<time>.json` and
// replaced by its backup or the empty document, with a notice (docs/decisions/0004).
import { randomUUID } from 'node:crypto';
import type { DocSpec } from '../../core/kernel/ports.ts';
import type { StoreNotice } from '../../shared/snapshot.ts';
import { docLabel, type DocPaths } from './doc-paths.ts';
import { readFailed } from './storage-error.ts';
import { errnoOf, type StoreFs } from './store-fs.ts';

export interface LoadedDoc<T> {
  data: T;
  /** What was repaired, for the rep; null when the file was fine or simply absent. */
  notice: StoreNotice | null;
  /** The file on disk differs from `data` (restored or reset): write `data` back. */
  mustWrite: boolean;
  /** Why the damaged file was rejected, for the log. */
  damage: string | null;
}

type Parsed<T> = { ok: true; data: T } | { ok: false; why: string };

export function parseDoc<T>(bytes: Buffer, spec: DocSpec<T>): Parsed<T> {
  if (bytes.length === 0) return { ok: false, why: 'the file is empty' };
  let raw: unknown;
  try {
    // A BOM from a hand edit in a Windows editor is not damage.
    raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    // JSON.parse quotes the bad text: keep NULs and control characters out of the log.
    const detail = error instanceof Error ? error.message : 'unreadable';
    return { ok: false, why: `not JSON (${detail.replace(/\p{Cc}/gu, '?')})` };
  }
  try {
    if (spec.migrate) raw = spec.migrate(raw);
  } catch (error) {
    return { ok: false, why: `migration failed (${error instanceof Error ? error.message : ''})` };
  }
  const result = spec.schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, why: `schema: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}` };
  }
  return { ok: true, data: result.data };
}

async function readIfExists(fs: StoreFs, file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    // ENOTDIR: a file sits where the document's folder would be, so the document does not exist.
    if (errnoOf(error) === 'ENOENT' || errnoOf(error) === 'ENOTDIR') return null;
    throw readFailed(error, file);
  }
}

/** Moves a damaged file to a new name beside it; never overwrites an earlier one. */
async function setAside(fs: StoreFs, file: string, tag: string, now: Date): Promise<string> {
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

export async function loadDoc<T>(
  fs: StoreFs,
  paths: DocPaths,
  spec: DocSpec<T>,
  now: Date,
): Promise<LoadedDoc<T>> {
  const bytes = await readIfExists(fs, paths.file);
  const good = bytes === null ? null : parseDoc(bytes, spec);
  if (good?.ok) return { data: good.data, notice: null, mustWrite: false, damage: null };

  const backupBytes = await readIfExists(fs, paths.backup);
  const backup = backupBytes === null ? null : parseDoc(backupBytes, spec);

  if (good === null) {
    if (backup === null)
      return { data: spec.empty(), notice: null, mustWrite: false, damage: null };
    if (backup.ok) return { data: backup.data, notice: null, mustWrite: true, damage: null };
    // Only a damaged backup is left: treat it as the damaged document.
    const movedTo = await setAside(fs, paths.backup, 'corrupt', now);
    return reset(paths.name, movedTo, spec, now, `backup ${backup.why}`);
  }

  const movedTo = await setAside(fs, paths.file, 'corrupt', now);
  if (backup?.ok) {
    const notice: StoreNotice = {
      id: randomUUID(),
      kind: 'recovered-from-backup',
      movedTo,
      message: `${docLabel(paths.name)} was damaged, so Mission Tray restored the copy saved just before it. The change made right before the damage may be missing; the damaged file was kept as ${movedTo}.`,
      at: now.toISOString(),
    };
    return { data: backup.data, notice, mustWrite: true, damage: good.why };
  }
  // A damaged backup would be overwritten by the next write: keep it beside the damaged file.
  if (backup !== null) await setAside(fs, paths.backup, 'corrupt-backup', now);
  return reset(paths.name, movedTo, spec, now, good.why);
}

function reset<T>(
  name: string,
  movedTo: string,
  spec: DocSpec<T>,
  now: Date,
  damage: string,
): LoadedDoc<T> {
  const preferences = name === 'settings';
  const notice: StoreNotice = {
    id: randomUUID(),
    kind: preferences ? 'preferences-reset' : 'reset-to-empty',
    movedTo,
    message: preferences
      ? `Your preferences file was damaged and there was no good copy, so Mission Tray went back to the default preferences. The damaged file was kept as ${movedTo}.`
      : `${docLabel(name)} was damaged and there was no good copy to restore, so Mission Tray started it empty. The damaged file was kept as ${movedTo} in case you need it.`,
    at: now.toISOString(),
  };
  return { data: spec.empty(), notice, mustWrite: true, damage };
}
