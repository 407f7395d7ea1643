// Run by server-process.ts as `node server-child.ts <db file | postgres:// URL> [--log]`: the team
// endpoint in its own process (so the load generator does not share its event loop), rate limit
// raised out of the way; with --log it logs as `team-server serve` does (JSON lines on stdout).
// Writes its port once listening, and its CPU readings, on fd 3.
import { writeSync } from 'node:fs';
import { createTeamServer } from '../../src/server/app.ts';
import { isPostgresUrl } from '../../src/server/db/connection.ts';
import { openTeamStore } from '../../src/server/store.ts';

const [where, log] = process.argv.slice(2);
if (!where) throw new Error('usage: server-child.ts <db file | postgres:// URL> [--log]');
const store = await openTeamStore(isPostgresUrl(where) ? { url: where } : { file: where });
const app = createTeamServer({ store, rateLimitPerMinute: 1e9, logger: log === '--log' });
const CONTROL = 3;
await app.listen({ port: 0, host: '127.0.0.1' });
// SIGUSR2: prints the CPU time this process has used, so the bench can tell the server's own cost
// per request from the wait a busy machine adds. Set before the port is printed: a SIGUSR2 that
// came before the handler would end the process.
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  writeSync(CONTROL, `cpu ${user + system}\n`);
});
const address = app.server.address();
writeSync(CONTROL, `${typeof address === 'object' && address ? address.port : 0}\n`);
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  process.stdin.destroy();
  void app.close().then(() => store.close());
};
process.once('SIGTERM', stop);
// The bench holds our stdin open; it closes when the bench ends, however it ends.
process.stdin.once('close', stop).resume();
