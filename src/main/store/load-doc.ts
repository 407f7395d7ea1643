// Reads one document at open, repairing what it finds instead of crashing or discarding: a
// missing file from its backup, a damaged one set aside as `<name>.corrupt-<time>.json` and
// replaced by its backup or the empty document, with a notice (docs/decisions/0004). A folder or a
// symbolic link where the file should be is damage like any other: moved aside, never followed.
import { randomUUID } from 'node:crypto';
import type { DocSpec } from '../../core/kernel/ports.ts';
import type { SetAside, StoreNotice } from '../../shared/snapshot.ts';
import { docLabel, type DocPaths } from './doc-paths.ts';
import { setAside } from './set-aside.ts';
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

type Parsed<T> = { ok: true; data: T } | { ok: false; why: string; obstacle?: SetAside };

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

/** The document read and parsed; null when there is none. */
async function readDoc<T>(fs: StoreFs, file: string, spec: DocSpec<T>): Promise<Parsed<T> | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = errnoOf(error);
    // ENOTDIR: a file sits where the document's folder would be, so the document does not exist.
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'EISDIR') return { ok: false, why: 'a folder', obstacle: 'folder' };
    // The store reads with O_NOFOLLOW: a link fails with ELOOP instead of being followed.
    if (code === 'ELOOP') return { ok: false, why: 'a symbolic link', obstacle: 'link' };
    throw readFailed(error, file);
  }
  return parseDoc(bytes, spec);
}

/** "was damaged" / "the damaged file", or what was found in the file's place. */
function wording(obstacle: SetAside): { was: string; kept: string } {
  if (obstacle === 'folder') return { was: 'had a folder in its place', kept: 'the folder' };
  if (obstacle === 'link') {
    return { was: 'had a link to another file in its place', kept: 'the link' };
  }
  return { was: 'was damaged', kept: 'the damaged file' };
}

export async function loadDoc<T>(
  fs: StoreFs,
  paths: DocPaths,
  spec: DocSpec<T>,
  now: Date,
): Promise<LoadedDoc<T>> {
  const good = await readDoc(fs, paths.file, spec);
  if (good?.ok) return { data: good.data, notice: null, mustWrite: false, damage: null };

  const backup = await readDoc(fs, paths.backup, spec);

  if (good === null) {
    if (backup === null)
      return { data: spec.empty(), notice: null, mustWrite: false, damage: null };
    if (backup.ok) return { data: backup.data, notice: null, mustWrite: true, damage: null };
    // Only a damaged backup is left: treat it as the damaged document.
    const movedTo = await setAside(fs, paths.backup, 'corrupt', now);
    const found = backup.obstacle ?? 'damaged-file';
    return reset(paths.name, movedTo, spec, now, `backup ${backup.why}`, found);
  }

  const movedTo = await setAside(fs, paths.file, 'corrupt', now);
  const found = good.obstacle ?? 'damaged-file';
  const { was, kept } = wording(found);
  if (backup?.ok) {
    const notice: StoreNotice = {
      id: randomUUID(),
      kind: 'recovered-from-backup',
      setAside: found,
      movedTo,
      message: `${docLabel(paths.name)} ${was}, so Mission Tray restored the copy saved just before it. The change made right before the damage may be missing; ${kept} was kept as ${movedTo}.`,
      at: now.toISOString(),
    };
    return { data: backup.data, notice, mustWrite: true, damage: good.why };
  }
  // A damaged backup would be overwritten by the next write: keep it beside the damaged file.
  if (backup !== null) await setAside(fs, paths.backup, 'corrupt-backup', now);
  return reset(paths.name, movedTo, spec, now, good.why, found);
}

function reset<T>(
  name: string,
  movedTo: string,
  spec: DocSpec<T>,
  now: Date,
  damage: string,
  found: SetAside,
): LoadedDoc<T> {
  const preferences = name === 'settings';
  const { was, kept } = wording(found);
  const Kept = kept.charAt(0).toUpperCase() + kept.slice(1);
  const notice: StoreNotice = {
    id: randomUUID(),
    kind: preferences ? 'preferences-reset' : 'reset-to-empty',
    setAside: found,
    movedTo,
    message: preferences
      ? `Your preferences file ${was} and there was no good copy, so Mission Tray went back to the default preferences. ${Kept} was kept as ${movedTo}.`
      : `${docLabel(name)} ${was} and there was no good copy to restore, so Mission Tray started it empty. ${Kept} was kept as ${movedTo} in case you need it.`,
    at: now.toISOString(),
  };
  return { data: spec.empty(), notice, mustWrite: true, damage };
}
