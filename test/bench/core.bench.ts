// The core's figures (issue 2), end to end through createMissionTray over the real store: logging
// a win (the rep's click: checks, one durable write of today's partition, the new snapshot)
// against the disk's floor, and opening the data directory to today's snapshot, at three
// history sizes (empty, 1 year, 3 years of 100 wins a working day; see store-history.ts).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { DocPort, DocSpec, StorePort } from '../../src/core/kernel/ports.ts';
import { createMissionTray } from '../../src/core/mission-tray.ts';
import { openStore } from '../../src/main/store/index.ts';
import { bundleChild } from '../unit/main/store/bundle-child.ts';
import { percentile, type BenchSection } from './report.ts';
import {
  BENCH_NOW,
  BENCH_ZONE,
  HISTORY_SIZES,
  runOpenChild,
  writeHistory,
} from './store-history.ts';
import { TEST_LOCALE } from '../fakes/clock.ts';

const LOGS = 200;
const MB = 1024 * 1024;

const OpenResult = z.object({ openMs: z.number(), heapBefore: z.number(), heapAfter: z.number() });
const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** The documents of a data directory, read once and then kept in memory only. */
function memoryStore(dir: string): StorePort {
  const docs = new Map<string, unknown>();
  return {
    async open<T>(name: string, spec: DocSpec<T>): Promise<DocPort<T>> {
      const known = docs.get(name);
      // Same name, same spec (the core's own): the cached port holds a DocPort<T>.
      if (known) return known as DocPort<T>;
      const file = join(dir, `${name}.json`);
      let data = existsSync(file)
        ? spec.schema.parse(JSON.parse(readFileSync(file, 'utf8')))
        : spec.empty();
      const doc: DocPort<T> = {
        get data() {
          return data;
        },
        async update(fn) {
          data = fn(data);
          return data;
        },
      };
      docs.set(name, doc);
      return doc;
    },
    async list() {
      return [];
    },
    notices: () => [],
    dismissNotice: () => undefined,
    close: async () => undefined,
  };
}

export const coreBench: BenchSection = {
  name: 'core',
  async run(report) {
    const root = await mkdtemp(join(tmpdir(), 'mission-tray-core-bench-'));
    try {
      const dirs = HISTORY_SIZES.map((s) => join(root, s.key));
      const histories = HISTORY_SIZES.map((s, i) => writeHistory(dirs[i] ?? '', s.years));

      const child = await bundleChild(
        join(import.meta.dirname, 'core-open-child.ts'),
        join(root, 'child'),
      );
      for (const [i, size] of HISTORY_SIZES.entries()) {
        const runs = runOpenChild(child, dirs[i] ?? '', OpenResult);
        const budget = size.key === '3y';
        report.figure(
          `core: open + today snapshot, ${size.key}`,
          percentile(sorted(runs.map((r) => r.openMs)), 50),
          'ms',
          budget ? 50 : undefined,
        );
        report.figure(
          `core: heap after opening, ${size.key}`,
          percentile(sorted(runs.map((r) => r.heapAfter)), 50) / MB,
          'MB',
          budget ? 30 : undefined,
        );
      }

      // Log a win through the core, one per history in turn with the floor, so machine noise
      // hits all alike. The clock advances a second per round, within today's working hours.
      let now = BENCH_NOW.getTime();
      const clock = { now: () => new Date(now), timeZone: () => BENCH_ZONE };
      const stores = await Promise.all(dirs.map((dir) => openStore(dir, { clock })));
      const cores = await Promise.all(
        stores.map((store) => createMissionTray({ store, clock, locale: TEST_LOCALE })),
      );
      const record =
        JSON.stringify({
          id: 'bench',
          missionId: 'calls',
          amount: 1,
          at: BENCH_NOW,
          source: 'tray',
          seq: 1,
        }) + '\n';
      const floorFile = await open(join(root, 'floor.log'), 'a');
      const floor: number[] = [];
      const logs: number[][] = HISTORY_SIZES.map(() => []);
      for (let n = 0; n < LOGS; n += 1) {
        now += 1000;
        let t = performance.now();
        await floorFile.write(record);
        await floorFile.datasync();
        floor.push(performance.now() - t);
        for (const [i, core] of cores.entries()) {
          const missionId = histories[i]?.activeMissionId ?? '';
          t = performance.now();
          await core.handlers.wins.log({ missionId, amount: 1, source: 'tray' });
          logs[i]?.push(performance.now() - t);
        }
      }
      await floorFile.close();
      for (const core of cores) await core.close();
      await Promise.all(stores.map((s) => s.close()));

      // The core's own share of a log: the same logs over the same histories held in memory.
      const memoryCores = await Promise.all(
        dirs.map((dir) =>
          createMissionTray({ store: memoryStore(dir), clock, locale: TEST_LOCALE }),
        ),
      );
      const compute: number[][] = HISTORY_SIZES.map(() => []);
      for (let n = 0; n < LOGS; n += 1) {
        now += 1000;
        for (const [i, core] of memoryCores.entries()) {
          const missionId = histories[i]?.activeMissionId ?? '';
          const t = performance.now();
          await core.handlers.wins.log({ missionId, amount: 1, source: 'tray' });
          compute[i]?.push(performance.now() - t);
        }
      }
      for (const [i, size] of HISTORY_SIZES.entries()) {
        report.figure(
          `core: log a win without the disk write, ${size.key}, p50`,
          percentile(sorted(compute[i] ?? []), 50),
          'ms',
        );
      }

      const floorP50 = percentile(sorted(floor), 50);
      report.figure(`core: floor (append ${record.length} B + fdatasync) p50`, floorP50, 'ms');
      const p50s: number[] = [];
      for (const [i, size] of HISTORY_SIZES.entries()) {
        const s = sorted(logs[i] ?? []);
        const p50 = percentile(s, 50);
        p50s.push(p50);
        report.figure(`core: log a win, ${size.key}, p50`, p50, 'ms');
        report.figure(`core: log a win, ${size.key}, p99`, percentile(s, 99), 'ms');
        report.figure(
          `core: log p50 / floor p50, ${size.key}`,
          p50 / floorP50,
          '×',
          4,
          '≤ 4× the floor',
        );
      }
      report.figure(
        'core: log p50 3y / empty',
        (p50s[2] ?? NaN) / (p50s[0] ?? NaN),
        '×',
        1.3,
        '≤ 1.3',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
