// Real data directories in the OS temp folder, removed after each test, and a fixed clock.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { z } from 'zod';
import type { ClockPort, DocSpec } from '../../../../src/core/kernel/ports.ts';

export const clock: ClockPort = {
  now: () => new Date('2026-11-23T09:30:00.000Z'),
  timeZone: () => 'Europe/Berlin',
};

/** Store options for tests: the fixed clock, and repairs logged nowhere (tests assert notices). */
export const options = { clock, log: () => undefined };

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mission-tray-store-'));
  dirs.push(dir);
  return dir;
}

/** A small document of the same shape as the real ones: a version and a list. */
export const Tally = z.object({
  schemaVersion: z.literal(1),
  wins: z.array(z.object({ id: z.string().min(1), amount: z.int().min(1) })),
});
export type Tally = z.infer<typeof Tally>;
export const tallySpec: DocSpec<Tally> = {
  schema: Tally,
  empty: () => ({ schemaVersion: 1, wins: [] }),
};
export const addWin =
  (id: string, amount = 1) =>
  (doc: Tally): Tally => ({ ...doc, wins: [...doc.wins, { id, amount }] });
