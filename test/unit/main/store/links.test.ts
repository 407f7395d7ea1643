// A symbolic link planted inside the data folder is never followed: not at a document's backup,
// which the next write reuses as its temp file, and not at the document itself. The file the
// link points to, outside the folder, keeps its bytes; the document stays a regular file holding
// every win the rep logged.
import { lstat, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/store/index.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

const DAY = 'wins/2026/2026-11-23';
const FILE = 'wins/2026/2026-11-23.json';
const OUTSIDE = 'do not overwrite me\n';

/** A data folder and, beside it, a file of someone else's that a link inside will point to. */
async function folders() {
  const data = join(await tempDir(), 'data');
  const outside = join(await tempDir(), 'precious.txt');
  await writeFile(outside, OUTSIDE);
  return { data, outside };
}

async function winsOnReopen(data: string): Promise<string[]> {
  const store = await openStore(data, options);
  const ids = (await store.open(DAY, tallySpec)).data.wins.map((w) => w.id);
  await store.close();
  return ids;
}

describe('a symbolic link inside the data folder', () => {
  it.each([
    ['after one write (no backup yet)', ['w1']],
    ['after two writes (the backup replaced by the link)', ['w1', 'w2']],
  ])('at <doc>.json.bak %s: never written through', async (_when, earlier) => {
    const { data, outside } = await folders();
    const store = await openStore(data, options);
    const day = await store.open(DAY, tallySpec);
    for (const id of earlier) await day.update(addWin(id));
    const bak = `${join(data, FILE)}.bak`;
    await rm(bak, { force: true });
    await symlink(outside, bak);

    await day.update(addWin('w3'));
    await day.update(addWin('w4'));
    await store.close();

    expect(await readFile(outside, 'utf8')).toBe(OUTSIDE);
    expect((await lstat(join(data, FILE))).isFile()).toBe(true);
    expect((await lstat(bak)).isSymbolicLink()).toBe(false);
    expect(await winsOnReopen(data)).toEqual([...earlier, 'w3', 'w4']);
  });

  it('at the document itself: set aside and restored from the backup, the outside file untouched', async () => {
    const { data, outside } = await folders();
    const store = await openStore(data, options);
    const day = await store.open(DAY, tallySpec);
    await day.update(addWin('w1'));
    await day.update(addWin('w2'));
    await store.close();
    // The document replaced by a link to the outside file.
    const file = join(data, FILE);
    await rm(file);
    await symlink(outside, file);

    const again = await openStore(data, options);
    const reopened = await again.open(DAY, tallySpec);
    // The backup holds the version before the last write.
    expect(reopened.data.wins.map((w) => w.id)).toEqual(['w1']);
    expect(again.notices()).toMatchObject([{ kind: 'recovered-from-backup', setAside: 'link' }]);
    await reopened.update(addWin('w3'));
    await again.close();

    expect(await readFile(outside, 'utf8')).toBe(OUTSIDE);
    expect((await lstat(file)).isFile()).toBe(true);
    expect(await winsOnReopen(data)).toEqual(['w1', 'w3']);
  });

  it('is followed only above the data folder: a data folder that is itself a link works', async () => {
    // A rep may keep the data folder on another disk through a link: that link is theirs.
    const { outside } = await folders();
    const real = join(await tempDir(), 'real-data');
    await mkdir(real);
    const linked = join(await tempDir(), 'linked-data');
    await symlink(real, linked);
    const store = await openStore(linked, options);
    await (await store.open(DAY, tallySpec)).update(addWin('w1'));
    await store.close();
    expect(await readFile(outside, 'utf8')).toBe(OUTSIDE);
    expect(await winsOnReopen(linked)).toEqual(['w1']);
    expect((await lstat(join(real, FILE))).isFile()).toBe(true);
  });
});
