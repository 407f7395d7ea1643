// A power cut at every step of a write, in a model of what a disk keeps: a file's content
// survives only up to its last fsync/fdatasync, and directory changes (create, rename, unlink)
// survive only up to the directory's last fsync — plus, as a journaling file system may commit
// them early, any prefix of the later ones. After the cut the store must open to the last
// acknowledged version or the new one, with nothing damaged. The store runs on the real file
// system; the model shadows the calls it makes on the document's files.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, type StoreFileHandle, type StoreFs } from '../../../../src/main/store/index.ts';
import { TEMP_FLAGS, nodeStoreFs } from '../../../../src/main/store/store-fs.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

type Op =
  | { kind: 'link'; name: string; inode: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'unlink'; name: string };

/** The disk as the model sees one directory's document files. */
function diskModel(dir: string, isDocFile: (name: string) => boolean) {
  const data = new Map<number, Buffer>();
  const durable = new Map<number, Buffer>();
  let entries = new Map<string, number>();
  const initial = new Map<string, number>();
  const log: Op[] = [];
  let durableOps = 0;
  let nextInode = -1;

  for (const name of readdirSync(dir).filter(isDocFile)) {
    const inode = statSync(join(dir, name)).ino;
    const content = readFileSync(join(dir, name));
    initial.set(name, inode);
    data.set(inode, content);
    durable.set(inode, content);
  }
  entries = new Map(initial);

  const apply = (state: Map<string, number>, op: Op) => {
    if (op.kind === 'link') state.set(op.name, op.inode);
    if (op.kind === 'unlink') state.delete(op.name);
    if (op.kind === 'rename') {
      const inode = state.get(op.from);
      if (inode === undefined) return;
      state.delete(op.from);
      state.set(op.to, inode);
    }
  };
  const record = (op: Op) => {
    log.push(op);
    apply(entries, op);
  };

  return {
    /** A new, empty file. */
    created(name: string): number {
      const inode = nextInode--;
      data.set(inode, Buffer.alloc(0));
      record({ kind: 'link', name, inode });
      return inode;
    },
    inodeOf: (name: string) => entries.get(name),
    renamed: (from: string, to: string) => record({ kind: 'rename', from, to }),
    unlinked: (name: string) => record({ kind: 'unlink', name }),
    wrote(inode: number, buffer: Buffer, position: number) {
      const old = data.get(inode) ?? Buffer.alloc(0);
      const next = Buffer.alloc(Math.max(old.length, position + buffer.length));
      old.copy(next);
      buffer.copy(next, position);
      data.set(inode, next);
    },
    truncated(inode: number, length: number) {
      const old = data.get(inode) ?? Buffer.alloc(0);
      const next = Buffer.alloc(length);
      old.copy(next, 0, 0, Math.min(length, old.length));
      data.set(inode, next);
    },
    synced: (inode: number) => durable.set(inode, data.get(inode) ?? Buffer.alloc(0)),
    dirSynced: () => (durableOps = log.length),
    /** Every state a power cut now could leave: one per prefix of the not-yet-durable changes. */
    cuts(): Map<string, Buffer>[] {
      const states: Map<string, Buffer>[] = [];
      for (let kept = durableOps; kept <= log.length; kept += 1) {
        const names = new Map(initial);
        for (const op of log.slice(0, kept)) apply(names, op);
        states.push(
          new Map([...names].map(([name, inode]) => [name, durable.get(inode) ?? Buffer.alloc(0)])),
        );
      }
      return states;
    },
  };
}

/** The real file system, shadowed into the model, cut off (never returning) at call `cutAt`. */
function modelledFs(dir: string, isDocFile: (name: string) => boolean) {
  const state = {
    model: null as ReturnType<typeof diskModel> | null,
    step: 0,
    cutAt: -1,
    cut: false,
  };
  const { promise: cutOff, resolve: markCut } = Promise.withResolvers<undefined>();
  const call = <T>(run: () => Promise<T>): Promise<T> => {
    if (!state.model) return run();
    if (state.step++ === state.cutAt) {
      state.cut = true;
      markCut(undefined);
      return new Promise<T>(() => undefined);
    }
    return run();
  };
  const tracked = (path: string) =>
    state.model !== null && join(path, '..') === dir && isDocFile(basename(path));
  const fs: StoreFs = {
    ...nodeStoreFs,
    open: (path, flags) =>
      call(async () => {
        const h = await nodeStoreFs.open(path, flags);
        // Read at each call: the directory's handle is opened once, before the model starts.
        const isDir = path === dir;
        let inode: number | undefined;
        if (state.model && tracked(path)) {
          const name = basename(path);
          inode =
            flags === 'wx' || flags === TEMP_FLAGS.create
              ? state.model.created(name)
              : state.model.inodeOf(name);
        }
        const handle: StoreFileHandle = {
          write: (buffer, offset, length, position) =>
            call(async () => {
              const result = await h.write(buffer, offset, length, position);
              const written = buffer.subarray(offset, offset + result.bytesWritten);
              if (inode !== undefined) state.model?.wrote(inode, written, position);
              return result;
            }),
          truncate: (length) =>
            call(async () => {
              await h.truncate(length);
              if (inode !== undefined) state.model?.truncated(inode, length);
            }),
          datasync: () =>
            call(async () => {
              await h.datasync();
              if (inode !== undefined) state.model?.synced(inode);
            }),
          sync: () =>
            call(async () => {
              await h.sync();
              if (inode !== undefined) state.model?.synced(inode);
              if (isDir) state.model?.dirSynced();
            }),
          close: () => call(() => h.close()),
        };
        return handle;
      }),
    rename: (from, to) =>
      call(async () => {
        await nodeStoreFs.rename(from, to);
        if (state.model && tracked(to)) state.model.renamed(basename(from), basename(to));
      }),
    unlink: (path) =>
      call(async () => {
        await nodeStoreFs.unlink(path);
        if (state.model && tracked(path)) state.model.unlinked(basename(path));
      }),
  };
  return { fs, state, cutOff };
}

const isDocFile = (name: string) => name.startsWith('missions.json');

describe('a power cut during a write', () => {
  // Earlier writes: one (the next write's temp file is new) or two (it reuses the backup).
  describe.each([
    ['a new temp file', ['w1']],
    ['the reused backup', ['w1', 'w2']],
  ])('into %s', (_temp, earlier) => {
    it.each(Array.from({ length: 12 }, (_, k) => k))(
      'cut before call %i: every state the disk could keep opens to acknowledged wins',
      async (cutAt) => {
        const dir = await tempDir();
        const { fs, state, cutOff } = modelledFs(dir, isDocFile);
        const store = await openStore(dir, { ...options, fs });
        const doc = await store.open('missions', tallySpec);
        for (const id of earlier) await doc.update(addWin(id));

        state.model = diskModel(dir, isDocFile);
        state.cutAt = cutAt;
        let acknowledged = false;
        // Wait for the write to be acknowledged or cut off, however slow the disk is today.
        await Promise.race([doc.update(addWin('new')).then(() => (acknowledged = true)), cutOff]);
        expect(acknowledged || state.cut).toBe(true);

        for (const files of state.model.cuts()) {
          const after = await tempDir();
          for (const [name, content] of files) writeFileSync(join(after, name), content);
          const reopened = await openStore(after, options);
          const ids = (await reopened.open('missions', tallySpec)).data.wins.map((w) => w.id);
          const detail = `cut before call ${cutAt}, files ${[...files.keys()].join(', ')}`;
          if (acknowledged) expect(ids, detail).toEqual([...earlier, 'new']);
          else expect([earlier, [...earlier, 'new']], detail).toContainEqual(ids);
          expect(reopened.notices(), detail).toEqual([]);
          await reopened.close();
        }
      },
    );
  });
});
