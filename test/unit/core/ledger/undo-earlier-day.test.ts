// Undoing a win of an earlier, already folded day: a kill at every file-system call of the undo,
// and a failed write at every one, and each time the day's tally equals its wins — in the app
// that keeps running (after a failure) and in the app opened next (after a kill or a failure).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMissionTray, type MissionTrayCore } from '../../../../src/core/mission-tray.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import { LogWinInput, MissionDraft } from '../../../../src/shared/mission.ts';
import type { StoreFs } from '../../../../src/main/store/index.ts';
import { steppedFs, type Step } from '../../main/store/stepped-fs.ts';
import { berlinClock, onDisk, openCore, tempDir, weekDraft } from '../core-fixture.ts';
import { TEST_LOCALE } from '../../../fakes/clock.ts';

const MONDAY = '2026-11-23';

/** The real file system, whose k-th call after arming never returns ('kill') or fails. */
function faultAt(mode: 'kill' | 'fail') {
  const state = { armed: false, step: 0, at: -1, hit: false, buried: [] as (() => void)[] };
  const { promise: death, resolve: die } = Promise.withResolvers<undefined>();
  const call: Step = (run) => {
    if (!state.armed || state.step++ !== state.at) return run();
    state.hit = true;
    if (mode === 'fail') {
      return Promise.reject(Object.assign(new Error('ENOSPC: simulated'), { code: 'ENOSPC' }));
    }
    die(undefined);
    // Never returns while the test looks; afterwards it fails, so the dead core can be closed.
    return new Promise((_, reject) => state.buried.push(() => reject(new Error('killed'))));
  };
  const fs = steppedFs(call);
  return { fs, state, death };
}

/** Monday: three wins; Tuesday morning: Monday folded (tally 3), nothing logged yet. */
async function mondayFolded(fs: StoreFs) {
  const dir = await tempDir();
  const clock = berlinClock('2026-11-23T09:00:00Z');
  const first = await openCore(dir, clock);
  const mission = await first.core.handlers.missions.create(
    MissionDraft.parse(weekDraft({ target: 20 })),
  );
  for (let i = 0; i < 3; i += 1) {
    await first.core.handlers.wins.log(
      LogWinInput.parse({ missionId: mission.id, source: 'tray' }),
    );
  }
  await first.close();
  clock.set('2026-11-24T08:00:00Z');
  // Not closed by the fixture: a killed one never finishes its write, as crash-points.test.ts.
  const store = await openStore(dir, { clock, fs, log: () => undefined });
  const open = {
    core: await createMissionTray({ store, clock, locale: TEST_LOCALE }),
    close: () => store.close(),
  };
  expect((await onDisk.summary(dir)).days[MONDAY]?.[mission.id]?.count).toBe(3);
  return { dir, clock, open, missionId: mission.id };
}

const totalOf = (core: MissionTrayCore, id: string) =>
  core.today().missions.find((m) => m.mission.id === id)?.total;

/** Monday's tally, on disk, equals Monday's wins, on disk; and the app shows that many. */
async function expectTallyEqualsWins(dir: string, core: MissionTrayCore, id: string) {
  const wins = (await onDisk.day(dir, MONDAY)).wins.length;
  expect([2, 3]).toContain(wins);
  expect((await onDisk.summary(dir)).days[MONDAY]?.[id]?.count ?? 0).toBe(wins);
  expect(totalOf(core, id)).toBe(wins);
  return wins;
}

// An earlier day's undo makes about 50 calls (the mission's revision, the mark, the wins, the
// tally, the summary); 64 covers each and an undo that completes.
const STEPS = Array.from({ length: 64 }, (_, k) => k);

describe('undoing a win of an earlier, folded day', () => {
  it.each(STEPS)('killed before call %i: the next open shows the day as its wins', async (at) => {
    const { fs, state, death } = faultAt('kill');
    const { dir, clock, open, missionId } = await mondayFolded(fs);
    Object.assign(state, { armed: true, at });
    let acknowledged = false;
    await Promise.race([
      open.core.handlers.wins.undo(undefined).then(() => (acknowledged = true)),
      death,
    ]);

    // The process is gone: its lock is stale.
    await rm(join(dir, 'mission-tray.lock'));
    const next = await openCore(dir, clock);
    const wins = await expectTallyEqualsWins(dir, next.core, missionId);
    if (acknowledged) expect(wins).toBe(2);
    expect(next.core.today().notices).toEqual([]);
    await next.close();
    for (const bury of state.buried) bury();
  });

  it.each(STEPS)(
    'a write failing at call %i: the day is its wins, now and after a restart',
    async (at) => {
      const { fs, state } = faultAt('fail');
      const { dir, clock, open, missionId } = await mondayFolded(fs);
      Object.assign(state, { armed: true, at });
      const undone = await open.core.handlers.wins.undo(undefined).then(
        () => true,
        () => false,
      );
      state.armed = false;
      // What the running app shows is what the wins file holds.
      const wins = (await onDisk.day(dir, MONDAY)).wins.length;
      expect(totalOf(open.core, missionId)).toBe(wins);
      if (undone) expect(wins).toBe(2);
      await open.close();

      const next = await openCore(dir, clock);
      expect(await expectTallyEqualsWins(dir, next.core, missionId)).toBe(wins);
      await next.close();
    },
  );
});
