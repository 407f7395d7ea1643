import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDataHandlers } from '../../../../src/main/ipc/data-handlers.ts';
import { createFakeClock } from '../../../fakes/clock.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clock = createFakeClock({ now: '2026-11-23T23:30:00Z', timeZone: 'Europe/Berlin' });
const handlers = (choose: (name: string) => string | null) =>
  createDataHandlers({
    exportData: async (format) => (format === 'csv' ? 'date,wins\n2026-11-24,3\n' : '{"wins":3}'),
    chooseSavePath: async (name) => choose(name),
    writeFile: (path, content) => writeFile(path, content, 'utf8'),
    clock,
  });

describe('data export', () => {
  it("saves where the rep chooses, suggesting a name with the rep's local date", async () => {
    const suggested: string[] = [];
    const data = handlers((name) => {
      suggested.push(name);
      return join(dir, name);
    });
    const result = await data.export({ format: 'csv' });
    expect(suggested).toEqual(['mission-tray-2026-11-24.csv']);
    expect(result).toEqual({ savedTo: join(dir, 'mission-tray-2026-11-24.csv') });
    expect(readFileSync(join(dir, 'mission-tray-2026-11-24.csv'), 'utf8')).toContain(
      '2026-11-24,3',
    );
  });

  it('does nothing when the rep cancels the save dialog', async () => {
    expect(await handlers(() => null).export({ format: 'json' })).toEqual({ savedTo: null });
  });

  it('says where it could not save, in a sentence the rep can act on', async () => {
    const target = join(dir, 'no-such-folder', 'export.json');
    await expect(handlers(() => target).export({ format: 'json' })).rejects.toMatchObject({
      code: 'storage',
      message: `Mission Tray could not save the export to ${target}. Pick a folder you can write to, with free space.`,
    });
    expect(existsSync(target)).toBe(false);
  });
});
