// A folder where an older day's wins or the archive should be: History, suggestions and export
// still work, the rep is told (the snapshot every view draws carries the notice, pushed as soon
// as the folder is found), and every other day keeps its wins.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TodaySnapshot } from '../../../../src/shared/snapshot.ts';
import { seedHistory } from '../../../e2e/seed-history.ts';
import { berlinClock, openCore, tempDir } from '../core-fixture.ts';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T09:00:00Z';

/** Eight weeks of history, opened once so the weeks outside the look-back go to the archive. */
async function seeded(): Promise<{ dir: string; exportedWins: number }> {
  const dir = await tempDir();
  await seedHistory(dir, { today: TODAY, timeZone: 'Europe/Berlin', weeks: 8, winsOn: () => 3 });
  const first = await openCore(dir, berlinClock(NOW));
  const exported = JSON.parse(await first.core.exportData('json')) as { wins: unknown[] };
  await first.close();
  expect(await readdir(join(dir, 'archive'))).toContain('missions-2026.json');
  return { dir, exportedWins: exported.wins.length };
}

async function replaceWithFolder(file: string): Promise<void> {
  await rm(file);
  await mkdir(join(file, 'inside'), { recursive: true });
}

describe('a folder in place of a document read after opening', () => {
  it('an older day: History and export work, the day is told about, the others keep their wins', async () => {
    const { dir, exportedWins } = await seeded();
    // A working day of the first week: 3 wins.
    await replaceWithFolder(join(dir, 'wins/2026/2026-09-28.json'));

    const { core } = await openCore(dir, berlinClock(NOW));
    const pushed: TodaySnapshot[] = [];
    core.subscribe((s) => pushed.push(s));
    const history = await core.handlers.missions.history(undefined);
    expect(history.missions.length).toBe(9);
    const exported = JSON.parse(await core.exportData('json')) as { wins: unknown[] };
    expect(exported.wins.length).toBe(exportedWins - 3);

    const notices = core.today().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(
      /^The file of your wins on 2026-09-28 had a folder in its place/,
    );
    expect(pushed.at(-1)?.notices).toEqual(notices);
  });

  it('the archive: History, suggestions and export work, and the rep is told', async () => {
    const { dir } = await seeded();
    await replaceWithFolder(join(dir, 'archive/missions-2026.json'));

    const { core } = await openCore(dir, berlinClock(NOW));
    const pushed: TodaySnapshot[] = [];
    core.subscribe((s) => pushed.push(s));
    const history = await core.handlers.missions.history(undefined);
    // The missions still in missions.json; the archived ones are in the folder set aside.
    expect(history.missions.map((m) => m.mission.id)).toContain('this-week');
    await core.handlers.missions.suggest({
      metric: { kind: 'meetings' },
      startDate: '2026-11-30',
      endDate: '2026-12-04',
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(JSON.parse(await core.exportData('json'))).toHaveProperty('wins');
    const notices = core.today().notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(
      /^Your file of missions that ended in 2026 had a folder in its place/,
    );
    expect(pushed.at(-1)?.notices).toEqual(notices);
  });
});
