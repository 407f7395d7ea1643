// Run by crash.test.ts as `node crash-child.ts <dir> <endpoint> <token>`: the app syncs, then the
// rep creates a public mission and logs a win — and the process is killed (SIGKILL) while the
// push still waits out its debounce.
import { TOKEN_SECRET } from '../../../../src/core/sync/account.ts';
import { createSyncEngine } from '../../../../src/core/sync/sync-engine.ts';
import { createStoreSyncSource } from '../../../../src/core/sync/sync-source.ts';
import { createFetchHttp } from '../../../../src/main/sync/fetch-http.ts';
import {
  createRepData,
  memorySecrets,
  memorySettings,
  newClock,
  openRepStore,
} from './sync-fixture.ts';

const [dir, endpoint, token] = process.argv.slice(2);
if (!dir || !endpoint || !token) throw new Error('usage: crash-child.ts <dir> <endpoint> <token>');

const clock = newClock();
const store = await openRepStore(dir, clock);
const data = await createRepData(store, clock);
const secrets = memorySecrets();
await secrets.set(TOKEN_SECRET, token);
const engine = createSyncEngine({
  store,
  clock,
  http: createFetchHttp(),
  secrets,
  settings: memorySettings({ enabled: true, endpoint }),
  source: createStoreSyncSource({ store, clock }),
  debounceMs: 60_000,
  log: () => undefined,
});
await engine.start();
await data.add({ id: 'crash-1', title: 'Made just before the crash', visibility: 'public' });
await data.logWin('crash-1', 2);
await engine.changed();
process.stdout.write(`pending ${engine.status().pending}\n`);
process.kill(process.pid, 'SIGKILL');
