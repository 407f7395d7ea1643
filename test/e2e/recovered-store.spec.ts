// A damaged missions file at start-up: the store restores the last good backup and moves the
// damaged file aside; the window tells the rep, who loses nothing.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_VERSION, type MissionsDoc } from '../../src/shared/documents.ts';
import { expect, test } from './harness.ts';
import { storedMission } from './seed-history.ts';

const DAMAGED = '{"schemaVersion":1,"missions":[{"id":"m1","tit';

test.use({
  appOptions: {
    now: '2026-11-23T08:00:00Z',
    timeZone: 'Europe/Berlin',
    seed: async (dir) => {
      const backup: MissionsDoc = {
        schemaVersion: SCHEMA_VERSION,
        missions: [
          storedMission(
            { id: 'm1', title: 'Book 10 meetings', target: 10, startDate: '2026-11-23', seq: 1 },
            'Europe/Berlin',
          ),
        ],
        pausedDays: [],
        lastSeq: 1,
      };
      await writeFile(join(dir, 'missions.json.bak'), JSON.stringify(backup));
      await writeFile(join(dir, 'missions.json'), DAMAGED);
    },
  },
});

test('the rep is told that a damaged file was repaired from its backup', async ({ app }) => {
  const { page } = app;
  await app.open();

  const notice = page.getByRole('region', { name: 'Data notices' }).getByRole('alert');
  await expect(notice).toContainText(/missions/i);
  await expect(notice).toContainText('The damaged file was kept at');
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
