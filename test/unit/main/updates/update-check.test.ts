// The update check for real: electron-updater's own DebUpdater and GenericProvider fetch and
// parse latest-linux.yml from a loopback server, through the app's wiring and policy. Only
// Electron's two pieces are swapped (npm test never runs Electron): the app adapter (version,
// paths, quit hooks — which never run, so nothing is installed) and the HTTP executor (Node's
// http instead of Electron's net).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type RequestOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';
import { DebUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, CHECK_TIMEOUT_MS } from '../../../../src/core/updates/update-policy.ts';
import type { DesktopNotification } from '../../../../src/core/notifications/notification-port.ts';
import { createSettingsStore } from '../../../../src/main/settings/settings-store.ts';
import { createUpdates } from '../../../../src/main/updates/updates.ts';
import { createFakeClock } from '../../../fakes/clock.ts';

const RUNNING = '0.2.0';
const DEB = Buffer.from('not really a deb, but the bytes the checksum covers\n'.repeat(200));
const sha512 = createHash('sha512').update(DEB).digest('base64');
const latestYml = (version: string) => `version: ${version}
files:
  - url: mission-tray_${version}_amd64.deb
    sha512: ${sha512}
    size: ${DEB.length}
path: mission-tray_${version}_amd64.deb
sha512: ${sha512}
releaseDate: '2026-11-20T10:00:00.000Z'
`;

type Answer = { status: number; body: string } | 'hang';

/** Serves latest-linux*.yml with the given answer, and the .deb it names. */
async function updateHost(answer: Answer) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    if (/^\/latest-linux(-\w+)?\.yml$/.test(path)) {
      if (answer === 'hang') return; // a slow host: no answer within the check's timeout
      res.writeHead(answer.status, { 'content-type': 'text/yaml' }).end(answer.body);
      return;
    }
    if (path.endsWith('.deb')) {
      res.writeHead(200, { 'content-length': DEB.length }).end(DEB);
      return;
    }
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Electron's net replaced by Node's http: `createRequest` as builder-util's NodeHttpExecutor,
 * `download` as electron-updater's ElectronHttpExecutor writes it.
 */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function checkAgainst(answer: Answer) {
  const host = await updateHost(answer);
  const dir = mkdtempSync(join(tmpdir(), 'mt-update-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), host.close);
  // What electron-builder writes into a packaged app's resources (the cache folder's name).
  const appUpdateConfigPath = join(dir, 'app-update.yml');
  writeFileSync(
    appUpdateConfigPath,
    'provider: github\nupdaterCacheDirName: mission-tray-updater\n',
  );
  const quits: string[] = [];
  const app: AppAdapter = {
    version: RUNNING,
    name: 'Mission Tray',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: async () => undefined,
    relaunch: () => quits.push('relaunch'),
    quit: () => quits.push('quit'),
    // electron-updater installs from here when the app quits: never called in these tests.
    onQuit: () => undefined,
  };
  const updater = Object.assign(new DebUpdater(null, app), {
    httpExecutor: new NodeHttpExecutor(),
    // The provider asks for the platform's channel file; on any host, ask for Linux's.
    _testOnlyOptions: { platform: 'linux' },
  });
  const clock = createFakeClock({ now: '2026-11-23T08:00:00Z', timeZone: 'Europe/Berlin' });
  const settings = createSettingsStore({ cwd: join(dir, 'prefs'), clock });
  settings.update({ updates: { url: host.url } });
  const notifications: DesktopNotification[] = [];
  const logs: string[] = [];
  const updates = createUpdates({
    updater: () => updater,
    packaged: true,
    settings,
    clock,
    notifier: { show: async (n) => void notifications.push(n) },
    productName: 'Mission Tray',
    log: (message) => logs.push(message),
    tickMs: 0,
  });
  cleanups.push(updates.stop);
  const offers: unknown[] = [];
  updates.subscribe((offer) => offers.push(offer));
  updates.start();
  clock.advance(30_000);
  updates.tick();
  expect(updates.state().phase).toBe('checking');
  const settled = async (phases: string[]) => {
    await expect
      .poll(() => updates.state().phase, { timeout: 10_000 })
      .toSatisfy((phase: string) => phases.includes(phase));
  };
  const cached = () => {
    const pending = join(dir, 'cache', 'mission-tray-updater', 'pending');
    return existsSync(pending) ? readdirSync(pending) : [];
  };
  return {
    updates,
    updater,
    host,
    clock,
    notifications,
    logs,
    offers,
    quits,
    settled,
    cached,
    dir,
  };
}

describe('update check against a loopback host (real electron-updater)', () => {
  it('newer: downloads in the background, tells the rep once, installs only on quit', async () => {
    const t = await checkAgainst({ status: 200, body: latestYml('0.3.0') });
    await t.settled(['ready']);
    expect(t.offers).toEqual([
      { version: '0.3.0', message: 'Mission Tray 0.3 is ready — restart to update' },
    ]);
    expect(t.notifications).toEqual([
      {
        title: 'Mission Tray 0.3 is ready — restart to update',
        body: 'Restart now from the window, or it installs the next time you quit.',
      },
    ]);
    await expect(t.updates.handlers.offer(undefined)).resolves.toMatchObject({ version: '0.3.0' });
    // The installer was fetched and checked against the YAML's sha512; nothing ran it.
    const files = t.cached().filter((f) => f.endsWith('.deb'));
    expect(files).toHaveLength(1);
    expect(
      readFileSync(join(t.dir, 'cache', 'mission-tray-updater', 'pending', files[0] ?? '')),
    ).toEqual(DEB);
    expect(t.updater.autoInstallOnAppQuit).toBe(true);
    expect(t.quits).toEqual([]);
    // Later: the banner goes; the rep is not told again.
    await t.updates.handlers.later(undefined);
    expect(t.offers.at(-1)).toBeNull();
    expect(t.notifications).toHaveLength(1);
    // Restart now hands over to electron-updater's quitAndInstall (recorded here: it would run
    // dpkg), which quits and installs with the app relaunched after.
    const installs: unknown[] = [];
    t.updater.quitAndInstall = (...args) => void installs.push(args);
    await t.updates.handlers.restartNow(undefined);
    expect(installs).toEqual([[false, true]]);
  });

  it.each([
    ['the same version', RUNNING],
    ['an older version', '0.1.0'],
  ])('%s: nothing downloaded, nothing said, next check in four hours', async (_name, version) => {
    const t = await checkAgainst({ status: 200, body: latestYml(version) });
    await t.settled(['idle']);
    expect(t.updates.state().nextCheckAt).toBe(t.clock.now().getTime() + CHECK_EVERY_MS);
    expect(t.updates.state().failures).toBe(0);
    expect(t.host.requests.filter((r) => r.endsWith('.deb'))).toEqual([]);
    expect(t.notifications).toEqual([]);
    expect(t.offers).toEqual([]);
  });

  it.each([
    [
      'malformed YAML',
      { status: 200, body: 'version: [0.3.0\nfiles: {' },
      /Cannot parse update info from latest-linux(-\w+)?\.yml .*YAMLException/,
    ],
    [
      'YAML without a version',
      { status: 200, body: 'files: []\n' },
      /does not have a valid semver version/,
    ],
    [
      'a 404',
      { status: 404, body: 'not found' },
      /Cannot find channel "latest-linux(-\w+)?\.yml" update info: HttpError: 404/,
    ],
  ])(
    '%s: logged as a failed check, never shown, retried in 30 minutes',
    async (_n, answer, why) => {
      const t = await checkAgainst(answer);
      await t.settled(['idle']);
      const failure = t.logs.find((l) => l.startsWith('Update check failed (1 in a row)'));
      expect(failure).toMatch(why);
      expect(t.updates.state().nextCheckAt).toBe(t.clock.now().getTime() + 30 * 60_000);
      expect(t.notifications).toEqual([]);
      expect(t.offers).toEqual([]);
      expect(t.cached()).toEqual([]);
    },
  );

  it('slow: no answer within a minute is a failed check, logged, never shown', async () => {
    const t = await checkAgainst('hang');
    await expect.poll(() => t.host.requests.length).toBeGreaterThan(0);
    t.clock.advance(CHECK_TIMEOUT_MS);
    t.updates.tick();
    expect(t.updates.state().phase).toBe('idle');
    expect(t.logs).toContainEqual(
      expect.stringMatching(/^Update check failed \(1 in a row\): no answer within 60 s/),
    );
    expect(t.notifications).toEqual([]);
    expect(t.offers).toEqual([]);
  });
});
