// A damaged missions file at start-up: the store restores the last good backup and moves the
// damaged file aside; the window tells the rep, who loses nothing. A folder in the missions
// file's place is the same damage, not a disk failure that stops the app.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_VERSION, type MissionsDoc } from '../../src/shared/documents.ts';
import { expect, test } from './harness.ts';
import { storedMission } from './seed-history.ts';

const DAMAGED = '{"schemaVersion":1,"missions":[{"id":"m1","tit';

const backup: MissionsDoc = {
  schemaVersion: SCHEMA_VERSION,
  missions: [
    storedMission(
      { id: 'm1', title: 'Book 10 meetings', target: 10, startDate: '2026-11-23', seq: 1 },
      'Europe/Berlin',
    ),
  ],
  timeOff: [],
  lastSeq: 1,
};

/** Monday morning in Berlin, a good backup of the missions file and `damage` in its place. */
const withBackup = (damage: (file: string) => Promise<void>) => ({
  appOptions: {
    now: '2026-11-23T08:00:00Z',
    timeZone: 'Europe/Berlin',
    seed: async (dir: string) => {
      await writeFile(join(dir, 'missions.json.bak'), JSON.stringify(backup));
      await damage(join(dir, 'missions.json'));
    },
  },
});

test.use(withBackup((file) => writeFile(file, DAMAGED)));

test('the rep is told that a damaged file was repaired from its backup', async ({ app }) => {
  const { page } = app;
  await app.open();

  const notice = page.getByRole('region', { name: 'Data notices' }).getByRole('alert');
  await expect(notice).toContainText(/missions/i);
  await expect(notice).toContainText('the damaged file was kept as');
  // Where it was kept is said once, not twice.
  const said = (await notice.innerText()).split('missions.corrupt-').length - 1;
  expect(said).toBe(1);
  // The mission from the backup is there to log on.
  await expect(page.getByRole('article', { name: 'Book 10 meetings' })).toBeVisible();

  // On disk: the damaged bytes kept aside, a good missions file in place.
  const aside = (await readdir(app.dataDir)).filter((f) => f.startsWith('missions.corrupt'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(app.dataDir, aside[0] ?? ''), 'utf8')).toBe(DAMAGED);
  expect((await app.missionsOnDisk()).missions.map((m) => m.title)).toEqual(['Book 10 meetings']);

  await notice.getByRole('button', { name: 'Got it' }).click();
  await expect(notice).toHaveCount(0);
  await app.reload();
  await expect(page.getByRole('region', { name: 'Data notices' })).toHaveCount(0);
});

test.describe('a folder where the missions file should be', () => {
  test.use(
    withBackup(async (file) => {
      await mkdir(file);
      await writeFile(join(file, 'notes.txt'), 'kept by the rep');
    }),
  );

  test('is set aside like a damaged file: the app opens, says so, and loses nothing', async ({
    app,
  }) => {
    const { page } = app;
    await app.open();

    const notice = page.getByRole('region', { name: 'Data notices' }).getByRole('alert');
    await expect(notice).toContainText('Your missions file had a folder in its place');
    await expect(notice).not.toContainText(/disk refused|EISDIR|permissions/);
    // What was set aside is named for what it is, not "the damaged file".
    await expect(notice).toContainText('the folder was kept as');
    await expect(notice).not.toContainText(/damaged file|was damaged/);
    await expect(page.getByRole('article', { name: 'Book 10 meetings' })).toBeVisible();

    // The folder and what it held, kept aside; a regular missions file in its place.
    const aside = (await readdir(app.dataDir)).filter((f) => f.startsWith('missions.corrupt'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(app.dataDir, aside[0] ?? '', 'notes.txt'), 'utf8')).toBe(
      'kept by the rep',
    );
    expect((await app.missionsOnDisk()).missions.map((m) => m.title)).toEqual(['Book 10 meetings']);
  });
});
