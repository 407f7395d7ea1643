// Run by crash.test.ts as a plain `node crash-child.ts <dir> <date>`: opens the store and logs
// wins into that day's partition as fast as it can, printing each id only after its write is
// acknowledged. The parent SIGKILLs it at a random moment.
import { openStore } from '../../../src/main/store/index.ts';
import { DayWinsDoc, dayDocName, emptyDayWinsDoc } from '../../../src/shared/documents.ts';

const [dir, date] = process.argv.slice(2);
if (!dir || !date) throw new Error('usage: crash-child.ts <dir> <YYYY-MM-DD>');

const store = await openStore(dir, { log: () => undefined });
const day = await store.open(dayDocName(date), {
  schema: DayWinsDoc,
  empty: () => emptyDayWinsDoc(date),
});
const tag = `${process.pid}`;
for (let i = 0; ; i += 1) {
  const id = `${tag}-${i}`;
  await day.update((doc) => ({
    ...doc,
    wins: [
      ...doc.wins,
      {
        id,
        missionId: 'm1',
        amount: 1,
        at: new Date().toISOString(),
        source: 'tray' as const,
        seq: (doc.wins.at(-1)?.seq ?? 0) + 1,
      },
    ],
  }));
  process.stdout.write(`${id}\n`);
}
