// A kill at every step of a write, deterministically: the file-system call at step k never
// happens (the process "dies" just before it), then a new store opens the folder. It must find
// the last acknowledged version or the new one — never a damaged file, never a notice.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/store/index.ts';
import { steppedFs, type Step } from './stepped-fs.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

/** The real file system, whose k-th call after arming never returns. */
function dyingFs() {
  const state = { armed: false, step: 0, killAt: -1, died: false };
  const { promise: death, resolve: markDead } = Promise.withResolvers<undefined>();
  const call: Step = (run) => {
    if (!state.armed) return run();
    const step = state.step;
    state.step += 1;
    if (step === state.killAt) {
      state.died = true;
      markDead(undefined);
      return new Promise(() => undefined);
    }
    return run();
  };
  const fs = steppedFs(call);
  return { fs, state, death };
}

describe('a write killed at each of its steps', () => {
  // A write makes about ten calls; killing at 0…12 covers each one and a write that completes.
  it.each(Array.from({ length: 13 }, (_, k) => k))(
    'killed before call %i: the folder holds the acknowledged wins',
    async (killAt) => {
      const dir = await tempDir();
      const { fs, state, death } = dyingFs();
      const first = await openStore(dir, { ...options, fs });
      const day = await first.open('wins/2026/2026-11-23', tallySpec);
      await day.update(addWin('w1'));
      await day.update(addWin('w2'));

      Object.assign(state, { armed: true, killAt });
      let acknowledged = false;
      // Wait for the write to be acknowledged or to die, however slow the disk is today.
      await Promise.race([day.update(addWin('w3')).then(() => (acknowledged = true)), death]);
      expect(acknowledged || state.died).toBe(true);

      // The process is gone: its lock is stale. (In this test the "dead" holder is ourselves.)
      await rm(join(dir, 'mission-tray.lock'));
      const second = await openStore(dir, options);
      const ids = (await second.open('wins/2026/2026-11-23', tallySpec)).data.wins.map((w) => w.id);
      if (acknowledged) expect(ids).toEqual(['w1', 'w2', 'w3']);
      else
        expect([
          ['w1', 'w2'],
          ['w1', 'w2', 'w3'],
        ]).toContainEqual(ids);
      expect(second.notices()).toEqual([]);
      await second.close();
    },
  );
});
