import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DocSpec } from '../../../../src/core/kernel/ports.ts';
import { openStore } from '../../../../src/main/store/index.ts';
import { DayWinsDoc, dayDocName, emptyDayWinsDoc } from '../../../../src/shared/documents.ts';
import { addWin, options, tallySpec, tempDir } from './temp-store.ts';

describe('the local store', () => {
  it('keeps a win across a restart, in the documented file layout', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const name = dayDocName('2026-11-23');
    const spec: DocSpec<DayWinsDoc> = {
      schema: DayWinsDoc,
      empty: () => emptyDayWinsDoc('2026-11-23'),
    };
    const day = await store.open(name, spec);
    const win = {
      id: 'w1',
      missionId: 'm1',
      amount: 2,
      at: '2026-11-23T10:15:00.000+01:00',
      source: 'tray' as const,
      seq: 1,
    };
    await day.update((d) => ({ ...d, wins: [...d.wins, win] }));
    await store.close();

    const onDisk = JSON.parse(await readFile(join(dir, 'wins/2026/2026-11-23.json'), 'utf8'));
    expect(onDisk.wins).toEqual([win]);

    const again = await openStore(dir, options);
    expect((await again.open(name, spec)).data.wins).toEqual([win]);
    expect(again.notices()).toEqual([]);
    await again.close();
  });

  it('starts a document that was never written as the empty document, without a notice', async () => {
    const store = await openStore(await tempDir(), options);
    expect((await store.open('missions', tallySpec)).data).toEqual({ schemaVersion: 1, wins: [] });
    expect(store.notices()).toEqual([]);
    await store.close();
  });

  it('applies concurrent updates one after another, none lost', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => doc.update(addWin(`w${i}`))),
    );
    expect(results.map((r) => r.wins.length)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await store.close();
    const again = await openStore(dir, options);
    expect((await again.open('missions', tallySpec)).data.wins.map((w) => w.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `w${i}`),
    );
    await again.close();
  });

  it('gives the same document to every caller that opens a name', async () => {
    const store = await openStore(await tempDir(), options);
    const [a, b] = await Promise.all([
      store.open('missions', tallySpec),
      store.open('missions', tallySpec),
    ]);
    await a.update(addWin('w1'));
    expect(b.data.wins).toHaveLength(1);
    await store.close();
  });

  it('keeps the previous version as a backup beside the document', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);
    await doc.update(addWin('w1'));
    await doc.update(addWin('w2'));
    await store.close();
    const backup = JSON.parse(await readFile(join(dir, 'missions.json.bak'), 'utf8'));
    expect(backup.wins.map((w: { id: string }) => w.id)).toEqual(['w1']);
  });

  it('lists the documents under a prefix, sorted, ignoring backups, temp and set-aside files', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    for (const date of ['2026-11-23', '2025-12-31', '2026-01-02']) {
      const doc = await store.open(dayDocName(date), tallySpec);
      await doc.update(addWin('w'));
      await doc.update(addWin('w2'));
    }
    await (await store.open('missions', tallySpec)).update(addWin('w'));
    await writeFile(join(dir, 'wins/2026/2026-01-02.corrupt-2026-11-23T09-30-00.000Z.json'), '');
    await writeFile(join(dir, 'wins/2026/2026-01-02.json.77-3.tmp'), '{');

    expect(await store.list('wins/')).toEqual([
      'wins/2025/2025-12-31',
      'wins/2026/2026-01-02',
      'wins/2026/2026-11-23',
    ]);
    expect(await store.list('wins/2026/')).toEqual([
      'wins/2026/2026-01-02',
      'wins/2026/2026-11-23',
    ]);
    expect(await store.list('wins/2026/2026-11')).toEqual(['wins/2026/2026-11-23']);
    expect(await store.list('goals/')).toEqual([]);
    expect(await store.list('')).toContain('missions');
    await store.close();
  });

  it('refuses document names that could leave the data directory', async () => {
    const store = await openStore(await tempDir(), options);
    await expect(store.open('../outside', tallySpec)).rejects.toThrow(/Invalid document name/);
    await expect(store.open('/etc/passwd', tallySpec)).rejects.toThrow(/Invalid document name/);
    await expect(store.list('../')).rejects.toThrow(/Invalid document prefix/);
    await store.close();
  });

  it('finishes writes already asked for when it closes, and refuses new ones after', async () => {
    const dir = await tempDir();
    const store = await openStore(dir, options);
    const doc = await store.open('missions', tallySpec);
    const writing = doc.update(addWin('w1'));
    await store.close();
    await expect(writing).resolves.toMatchObject({ wins: [{ id: 'w1' }] });
    await expect(doc.update(addWin('w2'))).rejects.toThrow(/closed/);
    const again = await openStore(dir, options);
    expect((await again.open('missions', tallySpec)).data.wins).toHaveLength(1);
    await again.close();
  });

  it('removes temp files a killed writer left behind', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'missions.json.4242-7.tmp'), '{"schemaVersion":1,"wi');
    const store = await openStore(dir, options);
    await store.open('missions', tallySpec);
    await expect(readFile(join(dir, 'missions.json.4242-7.tmp'))).rejects.toThrow(/ENOENT/);
    await store.close();
  });

  describe('migration', () => {
    // Version 2 stores each win as an object; version 1 stored bare ids.
    const V2 = z.object({
      schemaVersion: z.literal(2),
      wins: z.array(z.object({ id: z.string(), amount: z.int().min(1) })),
    });
    const V1 = z.object({ schemaVersion: z.literal(1), wins: z.array(z.string()) });
    const spec: DocSpec<z.infer<typeof V2>> = {
      schema: V2,
      empty: () => ({ schemaVersion: 2, wins: [] }),
      migrate: (raw) => {
        const v1 = V1.safeParse(raw);
        return v1.success
          ? { schemaVersion: 2, wins: v1.data.wins.map((id) => ({ id, amount: 1 })) }
          : raw;
      },
    };

    it('upgrades a document written by an older version on open, and writes the new shape', async () => {
      const dir = await tempDir();
      await writeFile(
        join(dir, 'missions.json'),
        JSON.stringify({ schemaVersion: 1, wins: ['a', 'b'] }),
      );
      const store = await openStore(dir, options);
      const doc = await store.open('missions', spec);
      expect(doc.data).toEqual({
        schemaVersion: 2,
        wins: [
          { id: 'a', amount: 1 },
          { id: 'b', amount: 1 },
        ],
      });
      expect(store.notices()).toEqual([]);
      await doc.update((d) => ({ ...d, wins: [...d.wins, { id: 'c', amount: 3 }] }));
      await store.close();
      const onDisk = JSON.parse(await readFile(join(dir, 'missions.json'), 'utf8'));
      expect(onDisk).toMatchObject({
        schemaVersion: 2,
        wins: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      });
    });

    it('leaves a nested partition of an older version readable too', async () => {
      const dir = await tempDir();
      await mkdir(join(dir, 'wins/2025'), { recursive: true });
      await writeFile(
        join(dir, 'wins/2025/2025-01-02.json'),
        JSON.stringify({ schemaVersion: 1, wins: ['x'] }),
      );
      const store = await openStore(dir, options);
      expect((await store.open('wins/2025/2025-01-02', spec)).data.wins).toEqual([
        { id: 'x', amount: 1 },
      ]);
      await store.close();
    });
  });
});
