// A folder where a document should be is damage like any other, for every kind of document: it
// is moved aside whole (with whatever it holds), the backup or an empty document takes its place,
// the rep is told in words that say what was found, and nothing else is touched.
import { lstat, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/store/index.ts';
import { StoreNotice } from '../../../../src/shared/snapshot.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

const kinds: [string, RegExp][] = [
  ['missions', /^Your missions file had a folder in its place/],
  ['settings', /^Your preferences file had a folder in its place/],
  ['summary', /^Your history summary file had a folder in its place/],
  ['summary/2026', /^Your history summary file for 2026 had a folder in its place/],
  ['archive/missions-2026', /^Your file of missions that ended in 2026 had a folder in its place/],
  ['wins/2026/2026-11-20', /^The file of your wins on 2026-11-20 had a folder in its place/],
];

/** Plants a folder, holding a file of the rep's, where `path` should be a file. */
async function plantFolder(path: string): Promise<string> {
  await mkdir(path, { recursive: true });
  const inside = join(path, 'notes.txt');
  await writeFile(inside, 'the rep put this here');
  return inside;
}

describe.each(kinds)('a folder in place of %s', (name, sentence) => {
  it('is set aside and the backup restored, with a notice; the other documents untouched', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open(name, tallySpec);
    await doc.update(addWin('w1'));
    await doc.update(addWin('w2'));
    const other = await store.open('wins/2026/2026-11-23', tallySpec);
    await other.update(addWin('today'));
    await store.close();
    const file = join(dir, `${name}.json`);
    const otherBytes = await readFile(join(dir, 'wins/2026/2026-11-23.json'));
    await rm(file);
    await plantFolder(file);

    const again = await openStore(dir, options);
    const reopened = await again.open(name, tallySpec);
    expect(reopened.data.wins.map((w) => w.id)).toEqual(['w1']);
    const [notice] = again.notices();
    expect(StoreNotice.parse(notice)).toMatchObject({
      kind: 'recovered-from-backup',
      setAside: 'folder',
    });
    expect(notice?.message).toMatch(sentence);
    expect(notice?.message).toMatch(/the folder was kept as /);
    // The folder, with what it held, is kept aside; a regular file is back in its place.
    expect(await readFile(join(notice?.movedTo ?? '', 'notes.txt'), 'utf8')).toBe(
      'the rep put this here',
    );
    expect((await lstat(file)).isFile()).toBe(true);
    await reopened.update(addWin('w3'));
    expect((await again.open('wins/2026/2026-11-23', tallySpec)).data.wins).toHaveLength(1);
    await again.close();
    expect(await readFile(join(dir, 'wins/2026/2026-11-23.json'))).toEqual(otherBytes);

    const third = await openStore(dir, options);
    expect((await third.open(name, tallySpec)).data.wins.map((w) => w.id)).toEqual(['w1', 'w3']);
    expect(third.notices()).toEqual([]);
    await third.close();
  });

  it('with no backup: the document starts empty, with a notice, and takes the next write', async () => {
    const dir = await tempDir();
    const file = join(dir, `${name}.json`);
    await plantFolder(file);

    const store = await openStore(dir, options);
    const doc = await store.open(name, tallySpec);
    expect(doc.data.wins).toEqual([]);
    const [notice] = store.notices();
    expect(notice?.kind).toBe(name === 'settings' ? 'preferences-reset' : 'reset-to-empty');
    expect(notice?.message).toMatch(/had a folder in its place/);
    expect(notice?.message).toMatch(/The folder was kept as /);
    await doc.update(addWin('w1'));
    await store.close();
    expect(await readdir(dirname(file))).toContain(`${name.split('/').pop() ?? ''}.json`);
    expect(await readFile(join(notice?.movedTo ?? '', 'notes.txt'), 'utf8')).toBe(
      'the rep put this here',
    );
  });
});

/** The planted backup folder, moved aside by a write with what it held. */
async function expectBackupFolderKept(dir: string): Promise<void> {
  const aside = (await readdir(dir)).filter((f) => f.startsWith('missions.corrupt-backup'));
  expect(aside).toHaveLength(1);
  expect(await readFile(join(dir, aside[0] ?? '', 'notes.txt'), 'utf8')).toBe(
    'the rep put this here',
  );
}

async function missionsOnReopen(dir: string): Promise<string[]> {
  const store = await openStore(dir, options);
  const ids = (await store.open('missions', tallySpec)).data.wins.map((w) => w.id);
  await store.close();
  return ids;
}

describe('a folder in place of a backup', () => {
  it('found at open is kept aside; the document opens as it was', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);
    await doc.update(addWin('w1'));
    await store.close();
    await plantFolder(join(dir, 'missions.json.bak'));

    const again = await openStore(dir, options);
    const reopened = await again.open('missions', tallySpec);
    expect(reopened.data.wins.map((w) => w.id)).toEqual(['w1']);
    await reopened.update(addWin('w2'));
    await reopened.update(addWin('w3'));
    await again.close();
    await expectBackupFolderKept(dir);
    expect(await missionsOnReopen(dir)).toEqual(['w1', 'w2', 'w3']);
  });

  it('appearing while the app runs is kept aside by the next write, which succeeds', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);
    await doc.update(addWin('w1'));
    await doc.update(addWin('w2'));
    await rm(join(dir, 'missions.json.bak'));
    await plantFolder(join(dir, 'missions.json.bak'));

    await doc.update(addWin('w3'));
    await store.close();
    await expectBackupFolderKept(dir);
    expect(await missionsOnReopen(dir)).toEqual(['w1', 'w2', 'w3']);
  });
});
