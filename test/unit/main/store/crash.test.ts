// The crash test: a real child process logs wins through the core service as fast as it can and
// is SIGKILLed at random moments, many times — while it opens, folds yesterday into the summary,
// creates its mission or logs. After every kill the store must open, parse every document, and
// hold every win whose write was acknowledged — and find nothing damaged.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../src/main/store/index.ts';
import {
  dateOfDayDoc,
  dayWinsDocSpec,
  missionsDocSpec,
  summaryDocSpec,
} from '../../../../src/core/ledger/store-docs.ts';
import { bundleChild } from './bundle-child.ts';
import { options, tempDir } from './temp-store.ts';

const ROUNDS = 40;
let child = '';
beforeAll(async () => {
  child = await bundleChild(join(import.meta.dirname, 'crash-child.ts'), await tempDir());
});

interface Round {
  acknowledged: string[];
}

/** Starts a child, kills it at a random moment, and returns the ids it acknowledged. */
function runAndKill(dir: string, date: string, killEarly: boolean): Promise<Round> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, dir, date], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => proc.kill('SIGKILL');
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      // Kill somewhere in the first ~150 ms of logging.
      timer ??= setTimeout(kill, Math.random() * 150);
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // Some rounds die before or while the store opens (lock, repair, first write).
    if (killEarly) timer = setTimeout(kill, Math.random() * 400);
    const watchdog = setTimeout(kill, 10_000);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL') {
        reject(new Error(`child exited on its own (${code}): ${err}`));
        return;
      }
      // Only complete lines: an id is printed after its write was acknowledged.
      resolve({ acknowledged: out.split('\n').slice(0, -1) });
    });
  });
}

describe('a store killed at random moments', () => {
  it(`holds every acknowledged win after each of ${ROUNDS} SIGKILLs`, async () => {
    const dir = await tempDir();
    const acknowledged = new Set<string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      // Four rounds per day, so kills land on partitions that already have a backup.
      const date = `2026-11-${String(1 + Math.floor(round / 4)).padStart(2, '0')}`;
      const { acknowledged: ids } = await runAndKill(dir, date, round % 4 === 3);
      for (const id of ids) acknowledged.add(id);

      const store = await openStore(dir, options);
      const stored = new Set<string>();
      await store.open('missions', missionsDocSpec);
      await store.open('summary', summaryDocSpec);
      for (const name of await store.list('wins/')) {
        const doc = await store.open(name, dayWinsDocSpec(dateOfDayDoc(name)));
        for (const win of doc.data.wins) {
          expect(stored.has(win.id), `win ${win.id} stored twice`).toBe(false);
          stored.add(win.id);
        }
      }
      expect(store.notices(), `round ${round}: nothing should be damaged`).toEqual([]);
      const missing = [...acknowledged].filter((id) => !stored.has(id));
      expect(missing, `round ${round}: acknowledged wins lost`).toEqual([]);
      await store.close();
    }
    // The kills must have landed while wins were being written, not only before.
    expect(acknowledged.size).toBeGreaterThan(ROUNDS * 5);
  }, 60_000);
});
