// The core over the real lowdb store in a temp directory, with a fake clock and, when a test
// needs one, a failing write injected under the store's real file system.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { StorePort } from '../../../src/core/kernel/ports.ts';
import { createMissionTray, type MissionTrayCore } from '../../../src/core/mission-tray.ts';
import { openStore, type StoreFs } from '../../../src/main/store/index.ts';
import { nodeStoreFs } from '../../../src/main/store/store-fs.ts';
import {
  DayWinsDoc,
  MissionArchiveDoc,
  MissionsDoc,
  SummaryDoc,
  YearTalliesDoc,
  type DayTallies,
} from '../../../src/shared/documents.ts';
import { createFakeClock, TEST_LOCALE, type FakeClock } from '../../fakes/clock.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mission-tray-core-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The real file system, whose writes of new files fail with ENOSPC while `full` is set. */
export function fillableDisk(): { fs: StoreFs; full: boolean } {
  const state = { full: false };
  const fs: StoreFs = {
    ...nodeStoreFs,
    open: (path, flags) =>
      state.full && flags !== 'r'
        ? Promise.reject(
            Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }),
          )
        : nodeStoreFs.open(path, flags),
  };
  return Object.assign(state, { fs });
}

/** Counts durable writes per document, passing everything to the real store. */
export function countWrites(store: StorePort): { store: StorePort; writes: Map<string, number> } {
  const writes = new Map<string, number>();
  return {
    writes,
    store: {
      ...store,
      async open(name, spec) {
        const doc = await store.open(name, spec);
        const counted: typeof doc = {
          get data() {
            return doc.data;
          },
          update(fn) {
            return doc.update(fn).then((next) => {
              writes.set(name, (writes.get(name) ?? 0) + 1);
              return next;
            });
          },
        };
        return counted;
      },
    },
  };
}

export interface OpenCore {
  core: MissionTrayCore;
  store: StorePort;
  writes: Map<string, number>;
  close(): Promise<void>;
}

export async function openCore(
  dir: string,
  clock: FakeClock,
  fs: StoreFs = nodeStoreFs,
): Promise<OpenCore> {
  const real = await openStore(dir, { clock, fs, log: () => undefined });
  const { store, writes } = countWrites(real);
  const core = await createMissionTray({ store, clock, locale: TEST_LOCALE });
  let open = true;
  const close = async () => {
    if (!open) return;
    open = false;
    await core.close();
    await real.close();
  };
  cleanups.push(close);
  return { core, store, writes, close };
}

export const berlinClock = (now: string): FakeClock =>
  createFakeClock({ now, timeZone: 'Europe/Berlin' });

export { weekDraft } from '../week-draft.ts';

/** Documents as they are on disk, parsed with their schemas. */
export const onDisk = {
  async missions(dir: string) {
    return MissionsDoc.parse(JSON.parse(await readFile(join(dir, 'missions.json'), 'utf8')));
  },
  /** The summary with every year's tallies gathered under `days`. */
  async summary(dir: string) {
    const summary = SummaryDoc.parse(JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')));
    const days: DayTallies = {};
    for (const year of await onDisk.years(dir))
      Object.assign(days, (await onDisk.year(dir, year)).days);
    return { ...summary, days };
  },
  /** Years with a tallies document. */
  async years(dir: string) {
    const files = await readdir(join(dir, 'summary')).catch(() => []);
    return files
      .flatMap((f) => /^(\d{4})\.json$/.exec(f)?.[1] ?? [])
      .map(Number)
      .sort();
  },
  async year(dir: string, year: number) {
    const file = join(dir, 'summary', `${year}.json`);
    return YearTalliesDoc.parse(JSON.parse(await readFile(file, 'utf8')));
  },
  /** Archived missions of one end year; none when the document does not exist. */
  async archive(dir: string, year: number) {
    const file = join(dir, 'archive', `missions-${year}.json`);
    const text = await readFile(file, 'utf8').catch(() => null);
    return text === null ? [] : MissionArchiveDoc.parse(JSON.parse(text)).missions;
  },
  async day(dir: string, date: string) {
    const file = join(dir, 'wins', date.slice(0, 4), `${date}.json`);
    return DayWinsDoc.parse(JSON.parse(await readFile(file, 'utf8')));
  },
};
