// A crash between a change and its push: a real child process is SIGKILLed while the push waits;
// after restart, the pending change is pushed, because the outbox is the store's own data.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTeamServer, type TeamServerFixture } from '../../server/team-server-fixture.ts';
import { startRep } from './rep-fixture.ts';
import { removeDir, tempDir } from './sync-fixture.ts';

let server: TeamServerFixture;
let dir: string;
beforeEach(async () => {
  server = await startTeamServer();
  await server.store.accounts.addTeam('North');
  dir = await tempDir();
});
afterEach(async () => {
  await server.close();
  await removeDir(dir);
});

it('pushes after restart the change made just before a crash', async () => {
  const { token } = await server.store.accounts.addRep('North', 'Ann');
  const child = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

  const proc = spawn(process.execPath, [child, dir, server.url, token], { stdio: 'pipe' });
  let out = '';
  proc.stdout.on('data', (chunk) => (out += String(chunk)));
  let err = '';
  proc.stderr.on('data', (chunk) => (err += String(chunk)));
  const signal = await new Promise((resolve) => proc.on('exit', (_code, sig) => resolve(sig)));
  expect(err).toBe('');
  expect(signal).toBe('SIGKILL');
  expect(out).toContain('pending 1');
  expect(await server.rows('missions')).toEqual([]);

  const app = await startRep({ endpoint: server.url, token, dir });
  await app.engine.start();
  expect(await server.rows('missions')).toMatchObject([
    { id: 'crash-1', title: 'Made just before the crash', total: 2 },
  ]);
  expect(app.engine.status().pending).toBe(0);
  await app.close(true);
});
