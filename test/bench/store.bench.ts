// The local store's figures (issue 2): durable log-a-win latency against the disk's floor at three
// history sizes, and the cost of opening the store and computing today's state.
//   Histories: empty, 1 year and 3 years of heavy use (100 wins per working day), generated in
//   the real on-disk layout. Open + today and heap run in a fresh process per size (bundled, as
//   the app's main process is), median of three. Log-a-win runs in this process with all three
//   stores open, one win per store in turn with the floor, so machine noise hits all alike.
import { writeSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openStore } from '../../src/main/store/index.ts';
import { DayWinsDoc, dayDocName, emptyDayWinsDoc } from '../../src/shared/documents.ts';
import type { Win } from '../../src/shared/mission.ts';
import { bundleChild } from '../unit/main/store/bundle-child.ts';
import { percentile, type BenchSection } from './report.ts';
import {
  BENCH_NOW,
  BENCH_TODAY,
  BENCH_ZONE,
  HISTORY_SIZES,
  runOpenChild,
  writeHistory,
} from './store-history.ts';

const LOGS = 200;
const MB = 1024 * 1024;

const OpenResult = z.object({
  openMs: z.number(),
  warmOpenMs: z.number(),
  heapBefore: z.number(),
  heapAfter: z.number(),
  heapAfterAllDays: z.number(),
  wins: z.number(),
});

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export const storeBench: BenchSection = {
  name: 'store',
  async run(report) {
    const root = await mkdtemp(join(tmpdir(), 'mission-tray-bench-'));
    try {
      const dirs = HISTORY_SIZES.map((s) => join(root, s.key));
      const histories = HISTORY_SIZES.map((s, i) => writeHistory(dirs[i] ?? '', s.years));
      HISTORY_SIZES.forEach((s, i) => {
        report.figure(`store: history ${s.key}, wins on disk`, histories[i]?.wins ?? 0, 'wins');
        report.figure(
          `store: history ${s.key}, size on disk`,
          (histories[i]?.bytes ?? 0) / MB,
          'MB',
        );
      });

      // Open + today, heap: a fresh process per run.
      const child = await bundleChild(
        join(import.meta.dirname, 'store-open-child.ts'),
        join(root, 'child'),
      );
      for (const [i, size] of HISTORY_SIZES.entries()) {
        const runs = runOpenChild(child, dirs[i] ?? '', OpenResult);
        const budget = size.key === '3y';
        report.figure(
          `store: open + today, ${size.key}`,
          median(runs.map((r) => r.openMs)),
          'ms',
          budget ? 50 : undefined,
        );
        report.figure(
          `store: heap after opening, ${size.key}`,
          median(runs.map((r) => r.heapAfter)) / MB,
          'MB',
          budget ? 30 : undefined,
        );
        report.figure(
          `store: open + today, warm process, ${size.key}`,
          median(runs.map((r) => r.warmOpenMs)),
          'ms',
        );
        report.figure(
          `store: heap after reading every day, ${size.key}`,
          median(runs.map((r) => r.heapAfterAllDays)) / MB,
          'MB',
        );
        report.figure(
          `store: heap opened documents add, ${size.key}`,
          median(runs.map((r) => r.heapAfter - r.heapBefore)) / MB,
          'MB',
        );
      }

      // Log-a-win, durable, interleaved with the floor.
      const clock = { now: () => BENCH_NOW, timeZone: () => BENCH_ZONE };
      const stores = await Promise.all(dirs.map((dir) => openStore(dir, { clock })));
      const days = await Promise.all(
        stores.map((s) =>
          s.open(dayDocName(BENCH_TODAY), {
            schema: DayWinsDoc,
            empty: () => emptyDayWinsDoc(BENCH_TODAY),
          }),
        ),
      );
      const win = (seq: number): Win => ({
        id: `bench-${seq}`,
        missionId: histories[0]?.activeMissionId ?? 'm',
        amount: 1,
        at: BENCH_NOW.toISOString(),
        source: 'tray',
        seq,
      });
      // The floor, measured the way the store does its I/O: the write on the main thread, the
      // flush off it. The all-async version is reported beside it for context.
      const record = JSON.stringify(win(1_000_000)) + '\n';
      const floorFile = await open(join(root, 'floor.log'), 'a');
      const asyncFile = await open(join(root, 'floor-async.log'), 'a');
      const floor: number[] = [];
      const asyncFloor: number[] = [];
      const logs: number[][] = HISTORY_SIZES.map(() => []);
      for (let n = 0; n < LOGS; n += 1) {
        let t = performance.now();
        writeSync(floorFile.fd, record);
        await floorFile.datasync();
        floor.push(performance.now() - t);
        t = performance.now();
        await asyncFile.write(record);
        await asyncFile.datasync();
        asyncFloor.push(performance.now() - t);
        for (const [i, day] of days.entries()) {
          t = performance.now();
          await day.update((d) => ({ ...d, wins: [...d.wins, win(1_000_000 + n)] }));
          logs[i]?.push(performance.now() - t);
        }
      }
      await asyncFile.close();
      await floorFile.close();
      await Promise.all(stores.map((s) => s.close()));

      const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
      const floorP50 = percentile(sorted(floor), 50);
      report.figure(`store: floor (append ${record.length} B + fdatasync) p50`, floorP50, 'ms');
      report.figure('store: floor p99', percentile(sorted(floor), 99), 'ms');
      report.figure('store: floor, all async, p50', percentile(sorted(asyncFloor), 50), 'ms');
      const p50s: number[] = [];
      for (const [i, size] of HISTORY_SIZES.entries()) {
        const s = sorted(logs[i] ?? []);
        const p50 = percentile(s, 50);
        p50s.push(p50);
        report.figure(`store: log a win, durable, ${size.key}, p50`, p50, 'ms');
        report.figure(`store: log a win, durable, ${size.key}, p99`, percentile(s, 99), 'ms');
        report.figure(
          `store: log p50 / floor p50, ${size.key}`,
          p50 / floorP50,
          '×',
          4,
          '≤ 4× the floor',
        );
      }
      report.figure(
        'store: log p50 3y / empty',
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
