// The real file system with every call the store makes passed through `call`, which may let it
// run, fail it, or never return (a kill): the machinery of the kill-at-each-step tests.
import type { StoreFileHandle, StoreFs } from '../../../../src/main/store/index.ts';
import { nodeStoreFs } from '../../../../src/main/store/store-fs.ts';

export type Step = <T>(run: () => Promise<T>) => Promise<T>;

export function steppedFs(call: Step): StoreFs {
  return {
    ...nodeStoreFs,
    open: (path, flags) =>
      call(async () => {
        const h = await nodeStoreFs.open(path, flags);
        const handle: StoreFileHandle = {
          write: (...args) => call(() => h.write(...args)),
          truncate: (length) => call(() => h.truncate(length)),
          datasync: () => call(() => h.datasync()),
          sync: () => call(() => h.sync()),
          close: () => call(() => h.close()),
        };
        return handle;
      }),
    rename: (from, to) => call(() => nodeStoreFs.rename(from, to)),
    unlink: (path) => call(() => nodeStoreFs.unlink(path)),
    link: (existing, created) => call(() => nodeStoreFs.link(existing, created)),
    mkdir: (path, opts) => call(() => nodeStoreFs.mkdir(path, opts)),
    lstat: (path) => call(() => nodeStoreFs.lstat(path)),
  };
}
