// Run by core.bench.ts in a fresh process (`node --expose-gc`), once per history size: opens the
// data directory through the core (missions, summary, today's partition, folding what closed)
// and computes today's snapshot, then prints how long that took and the heap used.
import { createMissionTray } from '../../src/core/mission-tray.ts';
import { openStore } from '../../src/main/store/index.ts';
import { BENCH_NOW, BENCH_ZONE } from './store-history.ts';
import { TEST_LOCALE } from '../fakes/clock.ts';

const [dir] = process.argv.slice(2);
if (!dir || !gc) throw new Error('usage: node --expose-gc core-open-child <dir>');
const clock = { now: () => BENCH_NOW, timeZone: () => BENCH_ZONE };

gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const store = await openStore(dir, { clock });
const core = await createMissionTray({ store, clock, locale: TEST_LOCALE });
const snapshot = core.today();
const openMs = performance.now() - started;
gc();
const heapAfter = process.memoryUsage().heapUsed;
await core.close();
await store.close();
const state = { missions: snapshot.missions.length, streak: snapshot.streak.current };
console.log(JSON.stringify({ openMs, heapBefore, heapAfter, state }));
