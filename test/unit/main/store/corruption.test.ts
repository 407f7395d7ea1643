// A damaged file at start-up never crashes the store and is never silently discarded: it is
// moved aside, the backup (if good) or an empty document takes its place, and a notice says so.
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/store/index.ts';
import { StoreNotice } from '../../../../src/shared/snapshot.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

const good = JSON.stringify({ schemaVersion: 1, wins: [{ id: 'w1', amount: 1 }] });
const damages: [string, Buffer][] = [
  ['empty', Buffer.alloc(0)],
  ['truncated', Buffer.from(good.slice(0, good.length - 9))],
  ['NUL-filled', Buffer.alloc(4096)],
  ['not JSON', Buffer.from('<<<<<<< HEAD\nwins\n')],
  [
    'schema-invalid',
    Buffer.from(JSON.stringify({ schemaVersion: 1, wins: [{ id: '', amount: 0 }] })),
  ],
  ['a newer version', Buffer.from(JSON.stringify({ schemaVersion: 9, wins: [] }))],
];

/** A data dir whose missions.json had two wins written and whose .bak holds the first. */
async function dirWithHistory(): Promise<string> {
  const dir = await tempDir();
  const store = await openStore(dir, options);
  const doc = await store.open('missions', tallySpec);
  await doc.update(addWin('w1'));
  await doc.update(addWin('w2'));
  await store.close();
  return dir;
}

const asideFiles = async (dir: string) =>
  (await readdir(dir)).filter((f) => f.includes('.corrupt')).sort();

describe.each(damages)('a %s missions file', (_kind, bytes) => {
  it('is moved aside and the backup restored, with a notice', async () => {
    const dir = await dirWithHistory();
    await writeFile(join(dir, 'missions.json'), bytes);

    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);

    expect(doc.data.wins.map((w) => w.id)).toEqual(['w1']);
    const [notice] = store.notices();
    expect(StoreNotice.parse(notice)).toMatchObject({
      kind: 'recovered-from-backup',
      setAside: 'damaged-file',
    });
    expect(notice?.message).toMatch(/Your missions file was damaged.*restored/);
    expect(await readFile(notice?.movedTo ?? '')).toEqual(bytes);
    expect(notice?.movedTo).toBe(join(dir, 'missions.corrupt-2026-11-23T09-30-00.000Z.json'));
    await store.close();

    // The restored copy is back on disk: the next start finds nothing wrong.
    const again = await openStore(dir, options);
    expect((await again.open('missions', tallySpec)).data.wins.map((w) => w.id)).toEqual(['w1']);
    expect(again.notices()).toEqual([]);
    await again.close();
  });

  it('is moved aside and the document starts empty when there is no backup, with a notice', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'missions.json'), bytes);

    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);

    expect(doc.data).toEqual({ schemaVersion: 1, wins: [] });
    const [notice] = store.notices();
    expect(notice).toMatchObject({ kind: 'reset-to-empty' });
    expect(notice?.message).toMatch(/no good copy to restore, so Mission Tray started it empty/);
    expect(await readFile(notice?.movedTo ?? '')).toEqual(bytes);
    // Writing works again afterwards.
    await doc.update(addWin('w9'));
    await store.close();
    const again = await openStore(dir, options);
    expect((await again.open('missions', tallySpec)).data.wins).toEqual([{ id: 'w9', amount: 1 }]);
    await again.close();
  });
});

describe('damage repair', () => {
  it('restores the backup silently when a write was cut between its two renames', async () => {
    const dir = await dirWithHistory();
    // The kill window: missions.json was renamed to .bak, the new temp file not yet renamed in.
    await rm(join(dir, 'missions.json'));
    await writeFile(join(dir, 'missions.json.999-1.tmp'), good);

    const store = await openStore(dir, options);
    expect((await store.open('missions', tallySpec)).data.wins.map((w) => w.id)).toEqual(['w1']);
    expect(store.notices()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(
      // The backup became missions.json again; the half-done temp file is gone.
      ['mission-tray.lock', 'missions.json'],
    );
    await store.close();
  });

  it('keeps a damaged backup too, instead of letting the next write overwrite it', async () => {
    const dir = await dirWithHistory();
    await writeFile(join(dir, 'missions.json'), Buffer.alloc(64));
    await writeFile(join(dir, 'missions.json.bak'), '{"schemaVersion":1,"wi');

    const store = await openStore(dir, options);
    expect((await store.open('missions', tallySpec)).data.wins).toEqual([]);
    expect(store.notices()).toMatchObject([{ kind: 'reset-to-empty' }]);
    expect(await asideFiles(dir)).toEqual([
      'missions.corrupt-2026-11-23T09-30-00.000Z.json',
      'missions.corrupt-backup-2026-11-23T09-30-00.000Z.json',
    ]);
    await store.close();
  });

  it('treats a damaged backup with no document as a damaged document', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'missions.json.bak'), 'garbage');
    const store = await openStore(dir, options);
    expect((await store.open('missions', tallySpec)).data.wins).toEqual([]);
    expect(store.notices()).toMatchObject([{ kind: 'reset-to-empty' }]);
    expect(await asideFiles(dir)).toEqual(['missions.corrupt-2026-11-23T09-30-00.000Z.json']);
    await store.close();
  });

  it('never overwrites an earlier set-aside file', async () => {
    const dir = await tempDir();
    for (const content of ['first damage', 'second damage']) {
      await writeFile(join(dir, 'missions.json'), content);
      const store = await openStore(dir, options);
      await store.open('missions', tallySpec);
      await store.close();
    }
    const aside = await asideFiles(dir);
    expect(aside).toHaveLength(2);
    const contents = await Promise.all(aside.map((f) => readFile(join(dir, f), 'utf8')));
    expect(contents.sort()).toEqual(['first damage', 'second damage']);
  });

  it('names the day in the notice for a damaged wins file, and leaves other files alone', async () => {
    const dir = await dirWithHistory();
    const store = await openStore(dir, options);
    await (await store.open('wins/2026/2026-11-20', tallySpec)).update(addWin('a'));
    await store.close();
    await writeFile(join(dir, 'wins/2026/2026-11-20.json'), Buffer.alloc(100));

    const again = await openStore(dir, options);
    expect((await again.open('missions', tallySpec)).data.wins).toHaveLength(2);
    expect(again.notices()).toEqual([]);
    expect((await again.open('wins/2026/2026-11-20', tallySpec)).data.wins).toEqual([]);
    expect(again.notices()[0]?.message).toMatch(/^The file of your wins on 2026-11-20 was damaged/);
    await again.close();
  });

  it('calls a damaged preferences file a preferences reset', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), '{');
    const store = await openStore(dir, options);
    await store.open('settings', tallySpec);
    expect(store.notices()).toMatchObject([{ kind: 'preferences-reset' }]);
    expect(store.notices()[0]?.message).toMatch(/default preferences/);
    await store.close();
  });

  it('forgets a notice once the rep dismisses it', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'missions.json'), '');
    const store = await openStore(dir, options);
    await store.open('missions', tallySpec);
    const [notice] = store.notices();
    store.dismissNotice(notice?.id ?? '');
    expect(store.notices()).toEqual([]);
    await store.close();
  });
});
