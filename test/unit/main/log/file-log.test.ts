// The main process's log file: lines a developer can act on, in a real folder, rotated so it never
// grows past a few MB, and never a token or a rep's note in it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLog, LOG_FILE } from '../../../../src/main/log/file-log.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-logs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const now = () => new Date('2026-11-23T09:30:00.000Z');
const read = (folder = dir) => readFileSync(join(folder, LOG_FILE), 'utf8');

describe('the log file', () => {
  it('appends a stamped line with the cause’s type, code and message, creating the folder', () => {
    const logs = join(dir, 'logs');
    const log = createFileLog({ dir: logs, now, echo: null });
    const cause = Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' });
    log('Saving the win failed', cause);
    log('Team sync started');
    const lines = read(logs).split('\n');
    expect(lines[0]).toMatch(
      /^2026-11-23T09:30:00\.000Z Saving the win failed Error \[ENOSPC\]: no space left on device, write$/,
    );
    expect(lines.some((l) => l.includes('file-log.test.ts'))).toBe(true); // the stack, to find it
    expect(read(logs)).toContain('2026-11-23T09:30:00.000Z Team sync started\n');
  });

  it('also writes each line to stderr in the app (the echo)', () => {
    const echoed: string[] = [];
    createFileLog({ dir, now, echo: (line) => echoed.push(line) })('Started');
    expect(echoed).toEqual(['2026-11-23T09:30:00.000Z Started\n']);
  });

  it('rotates past its size, keeping a bounded number of old files, newest lines in main.log', () => {
    const log = createFileLog({ dir, now, echo: null, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i += 1) log(`line ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    for (const f of readdirSync(dir)) {
      expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(1000);
    }
    expect(read()).toContain('line 099');
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).not.toContain('line 099');
  });

  it('continues the same file after a restart', () => {
    createFileLog({ dir, now, echo: null })('first run');
    createFileLog({ dir, now, echo: null })('second run');
    expect(read().split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('never writes a sync token or a win note, wherever they hide in a cause', () => {
    const token = 'mt_live_4f9c2a7be1d04c55';
    const note = 'Called Dana back after her divorce, she signs Friday';
    const log = createFileLog({ dir, now, echo: null });

    // An HTTP failure that echoes the request's headers and body.
    log(
      'Team sync push failed',
      new Error(
        `401 Unauthorized: Authorization: Bearer ${token}; body {"wins":[{"note":"${note}"}]}`,
      ),
    );
    // A failure carrying the request it was making, as an object.
    log('Request failed', {
      url: 'http://127.0.0.1:9999/api/v1/wins',
      headers: { authorization: `Bearer ${token}` },
      body: { wins: [{ id: 'w1', amount: 1, note }] },
      token,
    });
    // A wrapped cause, and a query-string token in a message.
    log(
      `Joining the team at http://127.0.0.1:9999/join?token=${token} failed`,
      new Error('sync failed', { cause: new Error(`{"token":"${token}","note":"${note}"}`) }),
    );
    log('Reflection saved', { reflection: { why: 'other', next: note } });

    const text = read();
    expect(text).not.toContain(token);
    expect(text).not.toContain(note);
    expect(text).not.toContain('Dana');
    // The rest stays, so the line still says what failed.
    expect(text).toContain(
      'Team sync push failed Error: 401 Unauthorized: Authorization: Bearer [redacted]',
    );
    expect(text).toContain('"url":"http://127.0.0.1:9999/api/v1/wins"');
    expect(text).toContain('"amount":1');
    expect(text).toContain('caused by: Error: {"token":"[redacted]","note":"[redacted]"}');
  });

  it('a folder it cannot write does not throw: the app keeps running', () => {
    const log = createFileLog({ dir: join(dir, LOG_FILE, 'not-a-dir'), now, echo: null });
    createFileLog({ dir, now, echo: null })('make main.log a file');
    expect(() => log('lost')).not.toThrow();
  });
});
