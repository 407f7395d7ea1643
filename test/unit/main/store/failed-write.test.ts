// A write that does not reach the disk rejects with a sentence for the rep, and changes nothing:
// the file keeps its previous bytes, memory keeps the previous document, the next write works.
// The test process runs as root, where chmod cannot stop a write, so the one failing syscall is
// injected around the real file system; everything else is real files in a temp directory.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../../src/core/kernel/errors.ts';
import { openStore, type StoreFileHandle, type StoreFs } from '../../../../src/main/store/index.ts';
import { nodeStoreFs } from '../../../../src/main/store/store-fs.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

type Fault = 'open temp' | 'write temp' | 'fsync temp' | 'rename into place' | 'fsync directory';

function systemError(code: string, syscall: string): Error {
  return Object.assign(new Error(`${code}: simulated failure, ${syscall}`), { code, syscall });
}

/** The real file system, with one syscall failing with `code` while `armed`. */
function faultyFs(fault: Fault, code: string) {
  const state = { armed: false };
  const fail = (syscall: string) => Promise.reject(systemError(code, syscall));
  const fs: StoreFs = {
    ...nodeStoreFs,
    async open(path, flags) {
      const isTemp = path.endsWith('.tmp');
      if (state.armed && isTemp && fault === 'open temp') return fail('open');
      const handle = await nodeStoreFs.open(path, flags);
      const wrapped: StoreFileHandle = {
        write: (buffer, offset, length, position) =>
          state.armed && isTemp && fault === 'write temp'
            ? fail('write')
            : handle.write(buffer, offset, length, position),
        truncate: (length) => handle.truncate(length),
        datasync: () =>
          state.armed && isTemp && fault === 'fsync temp' ? fail('fdatasync') : handle.datasync(),
        sync: () =>
          state.armed && flags === 'r' && fault === 'fsync directory'
            ? fail('fsync')
            : handle.sync(),
        close: () => handle.close(),
      };
      return wrapped;
    },
    rename: (from, to) =>
      state.armed && fault === 'rename into place' && from.endsWith('.tmp')
        ? fail('rename')
        : nodeStoreFs.rename(from, to),
  };
  return { fs, state };
}

const cases: [Fault, string, RegExp][] = [
  ['open temp', 'EACCES', /not allowed to write to its data folder .* the win was not saved/],
  ['open temp', 'EROFS', /read-only — the win was not saved/],
  [
    'write temp',
    'ENOSPC',
    /^Your disk is full — the win was not saved\. Free some space and try again\.$/,
  ],
  ['fsync temp', 'ENOSPC', /^Your disk is full — the win was not saved/],
  ['rename into place', 'EIO', /The disk reported an error — the win was not saved/],
  ['fsync directory', 'EIO', /The disk reported an error — the win was not saved/],
];

const DAY = 'wins/2026/2026-11-23';
const FILE = 'wins/2026/2026-11-23.json';

describe.each(cases)('when %s fails with %s', (fault, code, sentence) => {
  // One earlier write: the temp file is new. Two: it is the old backup, reused.
  it.each([
    ['a new temp file', ['w1']],
    ['the reused backup', ['w1', 'w2']],
  ])('the write (into %s) rejects with a sentence and nothing changes', async (_temp, earlier) => {
    const dir = await tempDir();
    const { fs, state } = faultyFs(fault, code);
    const store = await openStore(dir, { ...options, fs });
    const day = await store.open(DAY, tallySpec);
    for (const id of earlier) await day.update(addWin(id));
    const fileBefore = await readFile(join(dir, FILE));
    const memoryBefore = day.data;

    state.armed = true;
    const failed = day.update(addWin('lost'));
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toThrow(sentence);
    await expect(failed).rejects.toMatchObject({ code: 'storage' });

    expect(day.data).toBe(memoryBefore);
    expect(await readFile(join(dir, FILE))).toEqual(fileBefore);
    expect((await readdir(join(dir, 'wins/2026'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // Once the disk is fine again, the next win is saved — and the failed one never appears.
    state.armed = false;
    await day.update(addWin('w3'));
    await store.close();
    const again = await openStore(dir, options);
    expect((await again.open(DAY, tallySpec)).data.wins.map((w) => w.id)).toEqual([
      ...earlier,
      'w3',
    ]);
    await again.close();
  });
});

describe('a failed write on the real file system', () => {
  it('rejects when a new year folder cannot be created, and works once the obstacle is gone', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    // A stray file where the 2027 folder must go: mkdir fails for real (ENOTDIR/EEXIST).
    await mkdir(join(dir, 'wins'));
    await writeFile(join(dir, 'wins/2027'), 'not a folder');
    const day = await store.open('wins/2027/2027-01-04', tallySpec);

    await expect(day.update(addWin('w1'))).rejects.toBeInstanceOf(StorageError);
    await expect(day.update(addWin('w1'))).rejects.toThrow(/the win was not saved/);
    expect(day.data.wins).toEqual([]);

    await rm(join(dir, 'wins/2027'));
    await day.update(addWin('w1'));
    await store.close();
    const again = await openStore(dir, options);
    expect(await again.list('wins/')).toEqual(['wins/2027/2027-01-04']);
    await again.close();
  });

  it('leaves memory unchanged when the change itself throws', async () => {
    const store = await openStore(await tempDir(), options);
    const doc = await store.open('missions', tallySpec);
    await doc.update(addWin('w1'));
    await expect(
      doc.update(() => {
        throw new Error('bug in the change');
      }),
    ).rejects.toThrow('bug in the change');
    expect(doc.data.wins).toHaveLength(1);
    await doc.update(addWin('w2'));
    expect(doc.data.wins).toHaveLength(2);
    await store.close();
  });
});
