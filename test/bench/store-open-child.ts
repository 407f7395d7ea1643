// Run by store.bench.ts in a fresh process (`node --expose-gc`), once per history size: opens the
// data directory and reads what today needs, then prints how long that took and the heap used;
// then the same warm, and the heap after reading every day once.
import { openStore } from '../../src/main/store/index.ts';
import {
  dateOfDayDoc,
  dayDocName,
  dayWinsDocSpec,
  missionsDocSpec,
  summaryDocSpec,
  yearTalliesDocName,
  yearTalliesDocSpec,
} from '../../src/core/ledger/store-docs.ts';
import { BENCH_NOW, BENCH_TODAY, BENCH_ZONE } from './store-history.ts';

const [dir] = process.argv.slice(2);
if (!dir || !gc) throw new Error('usage: node --expose-gc store-open-child <dir>');
const clock = { now: () => BENCH_NOW, timeZone: () => BENCH_ZONE };

/**
 * Opens the store and what today needs: missions, the summary, the tallies of the years after its
 * carried streak (this year; last year too in January), today's wins.
 */
async function openToday() {
  const store = await openStore(dir ?? '', { clock });
  const [missions, summary, today] = await Promise.all([
    store.open('missions', missionsDocSpec),
    store.open('summary', summaryDocSpec),
    store.open(dayDocName(BENCH_TODAY), dayWinsDocSpec(BENCH_TODAY)),
  ]);
  const thisYear = Number(BENCH_TODAY.slice(0, 4));
  const carried = summary.data.carry.through;
  const from = carried === null ? thisYear : Math.min(thisYear, Number(carried.slice(0, 4)) + 1);
  let folded = 0;
  for (let year = from; year <= thisYear; year += 1) {
    folded += Object.keys(
      (await store.open(yearTalliesDocName(year), yearTalliesDocSpec(year))).data.days,
    ).length;
  }
  const state = {
    missions: missions.data.missions.filter((m) => m.status === 'active').length,
    folded,
    carried: summary.data.carry.current,
    today: today.data.wins.length,
  };
  return { store, state };
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const first = await openToday();
const openMs = performance.now() - started;
gc();
const heapAfter = process.memoryUsage().heapUsed;
await first.store.close();

// The same again in this process, with the code warm: what a cold start adds is the difference.
started = performance.now();
const second = await openToday();
const warmOpenMs = performance.now() - started;

// Every day read once (as an export does), then let go: memory must come back down.
let wins = 0;
for (const name of await second.store.list('wins/')) {
  wins += (await second.store.open(name, dayWinsDocSpec(dateOfDayDoc(name)))).data.wins.length;
}
for (let i = 0; i < 3; i += 1) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const heapAfterAllDays = process.memoryUsage().heapUsed;
await second.store.close();
console.log(
  JSON.stringify({
    openMs,
    warmOpenMs,
    heapBefore,
    heapAfter,
    heapAfterAllDays,
    wins,
    state: first.state,
  }),
);
