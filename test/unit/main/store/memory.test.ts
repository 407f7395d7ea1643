// Memory does not grow with history: documents read once (an export, an undo looking back) are
// let go when nobody holds them, and reopening one reads what was last written.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tempDir } from './temp-store.ts';

const Report = z.object({
  count: z.number(),
  before: z.number(),
  whileHeld: z.number(),
  after: z.number(),
  reread: z.number(),
});

describe('the store after reading a long history', () => {
  it('lets go of the days nobody holds, and rereads them correctly', async () => {
    const dir = await tempDir();
    const out = spawnSync(
      process.execPath,
      ['--expose-gc', join(import.meta.dirname, 'memory-child.ts'), dir],
      { encoding: 'utf8' },
    );
    expect(out.stderr).toBe('');
    const report = Report.parse(JSON.parse(out.stdout));
    expect(report.count).toBe(30_000);
    const held = report.whileHeld - report.before;
    // 30,000 wins held take megabytes; once dropped, nearly all of it is returned.
    expect(held).toBeGreaterThan(3 * 1024 * 1024);
    expect(report.after - report.before).toBeLessThan(held / 5);
    expect(report.reread).toBe(99);
  });
});
