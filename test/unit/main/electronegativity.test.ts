// The security gate itself: it must fail on what it exists to catch, offline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-scan-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const scan = (input: string) =>
  spawnSync(process.execPath, ['scripts/electronegativity.js', input], { encoding: 'utf8' });

describe('scripts/electronegativity.js', () => {
  it('fails on a window without context isolation or sandbox, naming the finding', () => {
    writeFileSync(
      join(dir, 'main.ts'),
      "import { BrowserWindow } from 'electron';\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n',
    );
    const result = scan(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/HIGH\s+CONTEXT_ISOLATION_JS_CHECK .*main.ts:2/);
    expect(result.stdout).toMatch(/[1-9]\d* high or medium/);
  });

  it("passes the app's own sources", () => {
    const result = scan('src');
    expect(result.stdout).toMatch(/, 0 high or medium$/m);
    expect(result.status).toBe(0);
  });
});
