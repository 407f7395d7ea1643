// Run by memory.test.ts as `node --expose-gc memory-child.ts <dir>`: reads 300 days of 100 wins
// (an export), lets go of them, and reports the heap before, while held and after.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { openStore } from '../../../../src/main/store/index.ts';

const [dir] = process.argv.slice(2);
if (!dir || !gc) throw new Error('usage: node --expose-gc memory-child.ts <dir>');
const collect = gc;

const Day = z.object({
  schemaVersion: z.literal(1),
  wins: z.array(z.object({ id: z.string(), at: z.string(), note: z.string() })),
});
const spec = { schema: Day, empty: () => ({ schemaVersion: 1 as const, wins: [] }) };
const names = Array.from({ length: 300 }, (_, i) => `wins/2025/day-${i}`);
mkdirSync(join(dir, 'wins/2025'), { recursive: true });
for (const name of names) {
  const wins = Array.from({ length: 100 }, (_, i) => ({
    id: `${name}-${i}`,
    at: new Date(Date.UTC(2025, 0, 1, 9, i)).toISOString(),
    note: `call number ${i} of the day`,
  }));
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ schemaVersion: 1, wins }));
}

const store = await openStore(dir, { log: () => undefined });
const today = await store.open('wins/2026/today', spec);
collect();
const before = process.memoryUsage().heapUsed;

let held: unknown[] = [];
let count = 0;
for (const name of names) {
  const doc = await store.open(name, spec);
  held.push(doc);
  count += doc.data.wins.length;
}
collect();
const whileHeld = process.memoryUsage().heapUsed;
held = [];

// A change to one past day, then dropped: reopening after collection must read the change back.
const first = await store.open(names[0] ?? '', spec);
await first.update((d) => ({ ...d, wins: d.wins.slice(1) }));
for (let i = 0; i < 3; i += 1) {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const after = process.memoryUsage().heapUsed;
const reread = (await store.open(names[0] ?? '', spec)).data.wins.length;
await today.update((d) => ({ ...d, wins: [{ id: 't', at: 'now', note: '' }] }));
await store.close();
console.log(JSON.stringify({ count, before, whileHeld, after, reread, held: held.length }));
