// On Windows a rename fails for a moment while an antivirus scanner or the search indexer holds the
// file (EPERM, EBUSY, EACCES): the durable write retries those for a bounded time, so the win is
// saved, and reports a failure only when the file stays held. The platform is a store option; the
// failing rename is injected around the real file system (real files in a temp directory).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../../src/core/kernel/errors.ts';
import { openStore, type StoreFs } from '../../../../src/main/store/index.ts';
import { nodeStoreFs } from '../../../../src/main/store/store-fs.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

const DAY = 'wins/2026/2026-11-23';
const FILE = 'wins/2026/2026-11-23.json';

type Step = 'temp → file' | 'file → backup';

/** The real file system whose `step` rename fails with `code` the next `times` times. */
function heldFile(step: Step, code: string, times: number) {
  const state = { left: 0, attempts: 0 };
  const matches = (from: string, to: string) =>
    step === 'temp → file'
      ? from.endsWith('.tmp')
      : to.endsWith('.json.bak') && from.endsWith(FILE);
  const fs: StoreFs = {
    ...nodeStoreFs,
    rename: (from, to) => {
      if (!matches(from, to)) return nodeStoreFs.rename(from, to);
      state.attempts += 1;
      if (state.left <= 0) return nodeStoreFs.rename(from, to);
      state.left -= 1;
      const error = Object.assign(new Error(`${code}: operation not permitted, rename`), {
        code,
        syscall: 'rename',
      });
      return Promise.reject(error);
    },
  };
  return { fs, arm: () => Object.assign(state, { left: times, attempts: 0 }), state };
}

async function storeWithOneWin(fs: StoreFs, platform: NodeJS.Platform, renameRetryMs?: number) {
  const dir = await tempDir();
  const store = await openStore(dir, { ...options, fs, platform, renameRetryMs });
  const day = await store.open(DAY, tallySpec);
  await day.update(addWin('w1'));
  return { dir, store, day };
}

const savedWins = async (dir: string) => {
  const again = await openStore(dir, options);
  const ids = (await again.open(DAY, tallySpec)).data.wins.map((w) => w.id);
  await again.close();
  return ids;
};

describe.each<Step>(['temp → file', 'file → backup'])('Windows: the %s rename', (step) => {
  it.each(['EPERM', 'EBUSY', 'EACCES'])(
    'failing with %s while the file is held is retried and the win is saved',
    async (code) => {
      const held = heldFile(step, code, 3);
      const { dir, store, day } = await storeWithOneWin(held.fs, 'win32');
      held.arm();
      await day.update(addWin('w2'));
      expect(held.state.attempts).toBe(4);
      expect(day.data.wins.map((w) => w.id)).toEqual(['w1', 'w2']);
      await store.close();
      expect(await savedWins(dir)).toEqual(['w1', 'w2']);
    },
  );

  it('still held after the retry time: the write reports its failure and changes nothing', async () => {
    const held = heldFile(step, 'EBUSY', Number.POSITIVE_INFINITY);
    const { dir, store, day } = await storeWithOneWin(held.fs, 'win32', 400);
    const before = await readFile(join(dir, FILE));
    held.arm();
    const started = Date.now();
    const failed = day.update(addWin('lost'));
    await expect(failed).rejects.toBeInstanceOf(StorageError);
    await expect(failed).rejects.toThrow(/the win was not saved/);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(300);
    expect(took).toBeLessThan(3_000);
    expect(held.state.attempts).toBeGreaterThan(3);
    expect(day.data.wins.map((w) => w.id)).toEqual(['w1']);
    expect(await readFile(join(dir, FILE))).toEqual(before);
    held.state.left = 0;
    await store.close();
    expect(await savedWins(dir)).toEqual(['w1']);
  });
});

describe('renames that are not retried', () => {
  it('on Windows, an error that does not mean "in use" (EIO) fails at once', async () => {
    const held = heldFile('temp → file', 'EIO', 1);
    const { store, day } = await storeWithOneWin(held.fs, 'win32');
    held.arm();
    await expect(day.update(addWin('lost'))).rejects.toBeInstanceOf(StorageError);
    expect(held.state.attempts).toBe(1);
    await store.close();
  });

  it.each<NodeJS.Platform>(['linux', 'darwin'])(
    'on %s, EPERM and EACCES are real refusals: no retry',
    async (platform) => {
      const held = heldFile('temp → file', 'EPERM', 1);
      const { store, day } = await storeWithOneWin(held.fs, platform);
      held.arm();
      await expect(day.update(addWin('lost'))).rejects.toBeInstanceOf(StorageError);
      expect(held.state.attempts).toBe(1);
      await store.close();
    },
  );
});
