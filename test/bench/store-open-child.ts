// Run by store.bench.ts in a fresh process (`node --expose-gc`), once per history size: opens the
// data directory and computes today's state, then prints how long that took and the heap used.
import { openStore } from '../../src/main/store/index.ts';
import {
  DayWinsDoc,
  MissionsDoc,
  SummaryDoc,
  dayDocName,
  emptyDayWinsDoc,
  emptyMissionsDoc,
  emptySummaryDoc,
} from '../../src/shared/documents.ts';
import { BENCH_NOW, BENCH_TODAY, BENCH_ZONE } from './store-history.ts';

const [dir] = process.argv.slice(2);
if (!dir || !gc) throw new Error('usage: node --expose-gc store-open-child <dir>');
const clock = { now: () => BENCH_NOW, timeZone: () => BENCH_ZONE };

gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const store = await openStore(dir, { clock });
const [missions, summary, today] = await Promise.all([
  store.open('missions', { schema: MissionsDoc, empty: emptyMissionsDoc }),
  store.open('summary', { schema: SummaryDoc, empty: emptySummaryDoc }),
  store.open(dayDocName(BENCH_TODAY), {
    schema: DayWinsDoc,
    empty: () => emptyDayWinsDoc(BENCH_TODAY),
  }),
]);
const state = {
  missions: missions.data.missions.filter((m) => m.status === 'active').length,
  folded: Object.keys(summary.data.days).length,
  today: today.data.wins.length,
};
const openMs = performance.now() - started;
gc();
const heapAfter = process.memoryUsage().heapUsed;
await store.close();
console.log(JSON.stringify({ openMs, heapBefore, heapAfter, state }));
