// Mission Tray in real Electron (npm run test:electron): the test build in out-electron-test/,
// launched by Playwright's Electron launcher with a throwaway userData. One rep's session, in
// order: start to the tray, open the window, log wins from the window and the tray menu, a second
// launch, quit, start again. Runs only where Electron's binary can be installed (not in .ci/run).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { LOCK_FILE } from '../../src/main/store/store-lock.ts';
import type { TestHooks } from '../../src/main/test-hooks.ts';
import { DayWinsDoc } from '../../src/shared/documents.ts';
import type { MissionTrayApi } from '../../src/shared/ipc.ts';
import type { MissionDraft } from '../../src/shared/mission.ts';
import type { z } from 'zod';
import { electronBinary, TEST_APP_DIR } from './electron-binary.ts';

const appDir = resolve(TEST_APP_DIR);
const TITLE = 'Book 10 meetings this week';

function executable(): string {
  const binary = electronBinary();
  if (!binary.ok) throw new Error(binary.why);
  return binary.path;
}

function envFor(userData: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  return { ...env, MISSION_TRAY_TEST_HOOKS: '1', MISSION_TRAY_TEST_USER_DATA: userData };
}

async function launch(userData: string): Promise<ElectronApplication> {
  const app = await electron.launch({
    executablePath: executable(),
    args: [appDir],
    env: envFor(userData),
    timeout: 30_000,
  });
  // Started: the store is open and the tray is up once the hooks are installed and it has a menu.
  await expect
    .poll(() => app.evaluate(() => Reflect.has(globalThis, '__missionTrayTestHooks')))
    .toBe(true);
  return app;
}

/** Calls one of the test build's hooks in the main process. */
function hook<K extends keyof TestHooks>(
  app: ElectronApplication,
  name: K,
  ...args: Parameters<TestHooks[K]>
): Promise<Awaited<ReturnType<TestHooks[K]>>> {
  return app.evaluate(
    (_electron, [hookName, hookArgs]) => {
      const hooks: unknown = Reflect.get(globalThis, '__missionTrayTestHooks');
      const fn: unknown = hooks && Reflect.get(hooks, hookName);
      if (typeof fn !== 'function') throw new Error(`no test hook ${hookName}`);
      return Reflect.apply(fn, hooks, hookArgs);
    },
    [name, args] as const,
  );
}

async function openWindow(app: ElectronApplication): Promise<Page> {
  const opened = app.waitForEvent('window');
  await hook(app, 'openWindow');
  const page = await opened;
  await page.waitForLoadState('domcontentloaded');
  return page;
}

/** Wins on disk: every day file under data/wins, parsed as the store writes it. */
async function winsOnDisk(userData: string): Promise<number> {
  const dir = join(userData, 'data', 'wins');
  if (!existsSync(dir)) return 0;
  let count = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    if (!entry.endsWith('.json')) continue;
    const parsed = DayWinsDoc.safeParse(JSON.parse(await readFile(join(dir, entry), 'utf8')));
    if (parsed.success) count += parsed.data.wins.length;
  }
  return count;
}

const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test.describe.configure({ mode: 'serial' });

let userData = '';
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'mission-tray-electron-'));
  app = await launch(userData);
});
test.afterAll(async () => {
  await app?.close().catch(() => undefined);
  if (userData) await rm(userData, { recursive: true, force: true });
});

test('starts to the tray with no window', async () => {
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
  expect(await hook(app, 'trayLabels')).toContain('Open Mission Tray');
});

test('the window opens on Today, served from app://', async () => {
  page = await openWindow(app);
  expect(page.url()).toBe('app://mission-tray/index.html');
  await expect(page.getByRole('heading', { name: 'Set your first mission' })).toBeVisible();
  // app:// serves the renderer's own files and nothing else.
  const status = (path: string) =>
    page.evaluate(async (url) => (await fetch(url)).status, `app://mission-tray/${path}`);
  expect(await status('index.html')).toBe(200);
  expect(await status('no-such-file.js')).toBe(404);
  expect(await status('..%2F..%2Fpackage.json')).toBe(404);
});

test('the page is sandboxed: no process, no require', async () => {
  expect(
    await page.evaluate(() => [
      typeof Reflect.get(globalThis, 'process'),
      typeof Reflect.get(globalThis, 'require'),
    ]),
  ).toEqual(['undefined', 'undefined']);
});

test('a win logged in the window, through the preload and IPC, reaches the file on disk', async () => {
  const start = new Date();
  const end = new Date(start.getTime() + 6 * 86_400_000);
  const draft: z.input<typeof MissionDraft> = {
    title: TITLE,
    metric: { kind: 'meetings' },
    target: 10,
    startDate: localDate(start),
    endDate: localDate(end),
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    deadlines: ['23:59'],
  };
  // Created through the real preload API; the rep's click is the subject.
  const created = await page.evaluate(async (input) => {
    const api: MissionTrayApi = Reflect.get(globalThis, 'missionTray');
    const result = await api.missions.create(input);
    return result.ok ? result.value.title : result.error.message;
  }, draft);
  expect(created).toBe(TITLE);
  await page.getByRole('button', { name: new RegExp(`^\\+1 .* for ${TITLE}$`) }).click();
  await expect(page.getByTestId('mission-total')).toHaveText('1');
  await expect.poll(() => winsOnDisk(userData)).toBe(1);
});

test('the tray menu\'s "Log" item does the same', async () => {
  const labels = await hook(app, 'trayLabels');
  const log = labels.find((label) => /^Log .+ — /.test(label));
  expect(log, `a Log item among ${labels.join(' | ')}`).toBeDefined();
  expect(await hook(app, 'clickTrayItem', log ?? '')).toBe(true);
  await expect.poll(() => winsOnDisk(userData)).toBe(2);
  await expect(page.getByTestId('mission-total')).toHaveText('2');
});

test('a second launch leaves, and the first shows and focuses its window', async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
  const second = spawn(executable(), [appDir], { env: envFor(userData), stdio: 'ignore' });
  const code = await new Promise<number | null>((done) => second.on('exit', done));
  expect(code).toBe(0);
  await expect
    .poll(() =>
      app.evaluate(({ BrowserWindow }) => {
        const win = BrowserWindow.getAllWindows()[0];
        return win ? { visible: win.isVisible(), focused: win.isFocused() } : null;
      }),
    )
    .toEqual({ visible: true, focused: true });
});

test('no Content Security Policy violation was logged', async () => {
  const messages = await hook(app, 'consoleMessages');
  expect(messages.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
});

test('quit releases the store lock; a restart shows the same totals', async () => {
  const lock = join(userData, 'data', LOCK_FILE);
  expect(existsSync(lock)).toBe(true);
  const exited = new Promise<void>((done) => app.process().on('exit', () => done()));
  const quit = (await hook(app, 'trayLabels')).find((l) => /^Quit/.test(l)) ?? 'Quit';
  expect(await hook(app, 'clickTrayItem', quit)).toBe(true);
  await exited;
  expect(existsSync(lock)).toBe(false);

  app = await launch(userData);
  page = await openWindow(app);
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(page.getByTestId('mission-total')).toHaveText('2');
  expect(await winsOnDisk(userData)).toBe(2);
});
