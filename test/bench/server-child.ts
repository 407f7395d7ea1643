// Run by server.bench.ts as `node server-child.ts <db file | postgres:// URL>`: the team endpoint
// in its own process (so the load generator does not share its event loop), rate limit raised out
// of the way, no request logging. Prints the port once listening.
import { createTeamServer } from '../../src/server/app.ts';
import { isPostgresUrl } from '../../src/server/db/connection.ts';
import { openTeamStore } from '../../src/server/store.ts';

const [where] = process.argv.slice(2);
if (!where) throw new Error('usage: server-child.ts <db file | postgres:// URL>');
const store = await openTeamStore(isPostgresUrl(where) ? { url: where } : { file: where });
const app = createTeamServer({ store, rateLimitPerMinute: 1e9, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
// SIGUSR2: prints the CPU time this process has used, so the bench can tell the server's own cost
// per request from the wait a busy machine adds. Set before the port is printed: a SIGUSR2 that
// came before the handler would end the process.
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
const address = app.server.address();
process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
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
