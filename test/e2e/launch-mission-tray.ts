// Launches the window end to end without Electron: the built renderer served over http on
// 127.0.0.1, opened in Chromium, with the same `window.missionTray` the preload gives it (the
// preload's own `buildApi`), backed by the real app in this process: the shell (`startShell`,
// with the shell's own small fakes for Electron's objects) over the real core, a real store and
// preferences in a temporary data directory, and a controllable clock. Calls go through the
// handlers the shell registers on ipcMain; what the shell sends its window reaches the page.
// The Playwright fixture (harness.ts) and the bench both use it.
import type { Browser, Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type {
  DesktopNotification,
  NotifierPort,
} from '../../src/core/notifications/notification-port.ts';
import type { MissionTrayCore } from '../../src/core/mission-tray.ts';
import { startShell } from '../../src/main/shell.ts';
import type { Updates } from '../../src/main/updates/updates.ts';
import { DayWinsDoc, MissionsDoc, dayDocName } from '../../src/shared/documents.ts';
import type { SettingsPort } from '../../src/shared/settings.ts';
import { openAppParts } from '../fakes/app-parts.ts';
import { createFakeClock, TEST_LOCALE, type FakeClock } from '../fakes/clock.ts';
import { createTrayView, trayHandleOf } from '../../src/main/tray/tray-view.ts';
import {
  FakeBrowserWindow,
  FakeGlobalShortcut,
  FakeIpcMain,
  FakeMenu,
  FakeOsShortcuts,
  FakeTray,
  ipcClone,
} from '../fakes/electron-views.ts';
import { shell as electronShell } from '../fakes/electron.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

export const RENDERER_DIR = resolve('out/renderer');

export interface AppOptions {
  /** Where the fake clock starts (an ISO instant). */
  now: string;
  /** The rep's IANA time zone; the page's zone is set to match. */
  timeZone: string;
  /**
   * The OS locale (Electron's app.getSystemLocale()) the tray, notifications and window format
   * times, dates and numbers in; en-GB unless a spec says.
   */
  locale?: string;
  /** The page's own default locale (Chromium's UI language, app.getLocale()); `locale` unless set. */
  uiLocale?: string;
  /** Writes into the data directory before the store opens: history, damaged files. */
  seed?: (dataDir: string) => Promise<unknown>;
  /** The desktop the shell runs on: shortcuts other apps hold, a development run, a logs folder. */
  desktop?: { takenShortcuts?: string[]; loginUnavailable?: string; logsFolder?: string };
  /**
   * The app starts to the tray with no window (as at login), and the first window the shell
   * opens loads this page as Electron's loadURL does: resolving at the page's load event, with
   * what the shell sent before then lost. Otherwise the window exists from the start and the
   * spec loads the page with `app.open()`.
   */
  startsInTray?: boolean;
  /** The page's calls are answered this much later, as on a busy machine (0 by default). */
  answerDelayMs?: number;
  /** Updates (src/main/updates) for each start, over its settings and clock; none by default. */
  updates?: (deps: { settings: SettingsPort; clock: FakeClock; notifier: NotifierPort }) => Updates;
}

export interface MissionTrayHarness {
  page: Page;
  dataDir: string;
  /** Where the data export saves (the shell would ask the rep with a save dialog). */
  exportDir: string;
  clock: FakeClock;
  readonly core: MissionTrayCore;
  readonly settings: SettingsPort;
  /** The shell's tray (Linux: its menu is how a rep logs without the window). */
  readonly tray: FakeTray;
  /** Desktop notifications the shell has shown so far. */
  readonly notifications: readonly DesktopNotification[];
  /** The rep clicks a notification (macOS and Windows report it). */
  clickNotification(notification: DesktopNotification): void;
  /** Opens the window and waits until it shows the core's first snapshot. */
  open(): Promise<void>;
  /** Reloads the page; the core and its data directory stay. */
  reload(): Promise<void>;
  /** Quits and starts again on the same data directory (core, store and settings reopened). */
  restart(): Promise<void>;
  /** The OS hands the app a missiontray:// link (macOS open-url; a second instance elsewhere). */
  openLink(url: string): Promise<void>;
  /** Moves the clock and runs the shell's periodic check, as its poll timer does. */
  advance(ms: number): Promise<void>;
  setNow(instant: string): Promise<void>;
  /** Uncaught errors, console errors and CSP violations in the page so far. */
  readonly problems: readonly string[];
  /** The documents on disk, parsed with their schemas. */
  missionsOnDisk(): Promise<MissionsDoc>;
  winsOnDisk(date: string): Promise<DayWinsDoc>;
  close(): Promise<void>;
}

interface Running {
  core: MissionTrayCore;
  settings: SettingsPort;
  tray: FakeTray;
  ipcMain: FakeIpcMain;
  clickNotification(notification: DesktopNotification): void;
  /** The shell's own periodic check (its poll timer and wake from sleep run the same). */
  tick(): Promise<void>;
  /** Where links reach the shell (its remote intake). */
  link(url: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The built window, served as the shell would load it. From a private copy: a rebuild empties
 * out/renderer, and other work in the same tree may rebuild while tests run.
 */
export async function serveRenderer(): Promise<StaticServer> {
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    throw new Error('The window is not built: run `npx electron-vite build` first.');
  const copy = await mkdtemp(join(tmpdir(), 'mission-tray-renderer-'));
  await cp(RENDERER_DIR, copy, { recursive: true });
  const server = await serveStatic(copy);
  return {
    url: server.url,
    async close() {
      await server.close();
      await rm(copy, { recursive: true, force: true });
    },
  };
}

/** The page's bridge (page-bridge.ts) with the preload's `buildApi`, bundled for the browser. */
export async function bundleBridge(): Promise<string> {
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: {
        entry: resolve('test/e2e/page-bridge.ts'),
        formats: ['iife'],
        name: 'missionTrayBridge',
      },
    },
  });
  for (const output of Array.isArray(result) ? result : [result]) {
    if (!('output' in output)) continue;
    for (const chunk of output.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('Bundling the page bridge produced no script');
}

/**
 * Reports every securitypolicyviolation the page fires, from before its first script runs.
 * Chromium does not always put a CSP report on the console: a blocked `new Function` that the
 * page catches (zod's capability probe) fires the event and nothing else.
 */
export async function recordCspViolations(
  page: Page,
  report: (violation: string) => void,
): Promise<void> {
  await page.exposeBinding('__missionTrayCspViolation', (_source, text: unknown) =>
    report(String(text)),
  );
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => {
      const send = globalThis.__missionTrayCspViolation;
      if (typeof send === 'function')
        send(e.effectiveDirective + ' blocked ' + e.blockedURI + ' in ' + e.sourceFile + ':' + e.lineNumber);
    });`,
  });
}

export async function launchMissionTray(
  browser: Browser,
  options: AppOptions & { rendererUrl: string; bridgeScript: string },
): Promise<MissionTrayHarness> {
  const root = await mkdtemp(join(tmpdir(), 'mission-tray-e2e-'));
  const dataDir = join(root, 'data');
  const exportDir = join(root, 'exports');
  await mkdir(dataDir, { recursive: true });
  await options.seed?.(dataDir);
  const clock = createFakeClock({ now: options.now, timeZone: options.timeZone });
  const locale = options.locale ?? TEST_LOCALE;

  const context = await browser.newContext({
    timezoneId: options.timeZone,
    locale: options.uiLocale ?? locale,
    viewport: { width: 360, height: 560 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const notifications: DesktopNotification[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  // CSP violations and React's reports of failed renders arrive as console errors.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });

  // What the shell's `webContents.send(channel, value)` does: hand the value to the page's listeners.
  // Values cross as JSON text both ways: every value the app passes is plain JSON data, and one
  // string costs Playwright's protocol far less to check and carry than a snapshot's object tree
  // (as Electron's structured clone is cheap for IPC).
  const push = async (channel: string, value: unknown) => {
    await page
      .evaluate(
        ([c, json]) => {
          const emit: unknown = Reflect.get(globalThis, '__missionTrayEmit');
          if (typeof emit === 'function') emit(c, JSON.parse(json));
        },
        [channel, JSON.stringify(value)] as const,
      )
      // A page mid-navigation asks for the current state itself once loaded.
      .catch(() => undefined);
  };

  const logsFolder = options.desktop?.logsFolder;
  const start = async (): Promise<Running> => {
    const { store, settings, core, teamSync } = await openAppParts({
      dataDir,
      settingsDir: dataDir,
      clock,
      locale,
    });
    const ipcMain = new FakeIpcMain();
    const tray = new FakeTray();
    const clickListeners: ((notification: DesktopNotification) => void)[] = [];
    const notifier = {
      show: async (notification: DesktopNotification) => void notifications.push(notification),
    };
    const updates = options.updates?.({ settings, clock, notifier });
    const shell = startShell({
      platform: 'linux',
      core,
      store,
      settings,
      clock,
      notifier: { ...notifier, onClick: (listener) => clickListeners.push(listener) },
      ipcMain,
      tray: createTrayView(trayHandleOf(tray), (template) => new FakeMenu(template), 'linux'),
      // The shell's window is this page: what it sends to the window reaches the page.
      createWindow: (windowOptions) => {
        const window = new FakeBrowserWindow(windowOptions);
        let pageLoaded = !options.startsInTray;
        window.webContents.send = (channel: string, ...args: unknown[]) => {
          const value = ipcClone(args[0], 'Failed to serialize arguments');
          if (pageLoaded) void push(channel, value);
        };
        if (options.startsInTray) {
          window.loadURL = async (url) => {
            window.loaded.push(url);
            pageLoaded = false;
            await page.goto(url);
            pageLoaded = true;
          };
        }
        return window;
      },
      workArea: () => ({ x: 0, y: 0, width: 1920, height: 1080 }),
      globalShortcut: new FakeGlobalShortcut(
        new FakeOsShortcuts('linux', options.desktop?.takenShortcuts),
      ),
      loginItem: {
        apply: async () => undefined,
        unavailable: options.desktop?.loginUnavailable ?? null,
      },
      ...(logsFolder
        ? { logs: { folder: logsFolder, open: () => electronShell.openPath(logsFolder) } }
        : {}),
      chooseSavePath: async (name) => join(exportDir, name),
      writeFile: async (path, content) => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, content);
      },
      isDark: () => false,
      onWake: () => undefined,
      onThemeChange: () => undefined,
      preload: 'out/preload/index.cjs',
      rendererUrl: options.rendererUrl,
      iconDir: resolve('resources'),
      quit: () => undefined,
      log: (message, cause) => console.error(`[shell] ${message}`, cause ?? ''),
      pollMs: 0,
      areas: teamSync.areas,
      teamJoin: teamSync.join,
      traySync: teamSync.traySync,
      onSyncStatus: (listener) => teamSync.engine.subscribe(listener),
      ...(updates ? { updates } : {}),
    });
    updates?.start();
    void teamSync.start();
    if (!options.startsInTray) shell.window.open('normal');
    return {
      core,
      settings,
      tray,
      ipcMain,
      clickNotification: (notification) => clickListeners.forEach((l) => l(notification)),
      tick: shell.tick,
      link: shell.remote.link,
      async stop() {
        updates?.stop();
        shell.stop();
        await teamSync.close();
        await core.close();
        await store.close();
      },
    };
  };

  let running = await start();

  // The page's half of the IPC: one binding for every call, into the handlers the shell
  // registered on ipcMain (its boundary checks the calling frame's URL, as in Electron).
  await page.exposeBinding(
    '__missionTrayInvoke',
    async (source, channel: unknown, input: unknown) => {
      if (typeof channel !== 'string') throw new Error('An IPC channel is a string');
      if (options.answerDelayMs) await new Promise((r) => setTimeout(r, options.answerDelayMs));
      return JSON.stringify(await running.ipcMain.invoke(channel, source.frame.url(), input));
    },
  );
  await recordCspViolations(page, (violation) => problems.push(`csp: ${violation}`));
  await page.addInitScript({ content: options.bridgeScript });

  // Ready when the window shows the core's first snapshot (its date in the header).
  const ready = () => page.waitForSelector('.header-date');

  return {
    page,
    dataDir,
    exportDir,
    clock,
    problems,
    get core() {
      return running.core;
    },
    get settings() {
      return running.settings;
    },
    get tray() {
      return running.tray;
    },
    notifications,
    clickNotification: (notification) => running.clickNotification(notification),
    async open() {
      await page.goto(options.rendererUrl);
      await ready();
    },
    async reload() {
      await page.reload();
      await ready();
    },
    async restart() {
      await running.stop();
      running = await start();
      await page.reload();
      await ready();
    },
    openLink: (url) => running.link(url),
    // The shell's own tick, not just the core's: what becomes due with time alone (a reminder,
    // the "Mission ended" invitation) is shown as the shell's poll would show it.
    async advance(ms) {
      clock.advance(ms);
      await running.tick();
    },
    async setNow(instant) {
      clock.set(instant);
      await running.tick();
    },
    async missionsOnDisk() {
      return MissionsDoc.parse(await readJson(join(dataDir, 'missions.json')));
    },
    async winsOnDisk(date) {
      const file = join(dataDir, `${dayDocName(date)}.json`);
      if (!existsSync(file)) return { schemaVersion: 1, date, wins: [] };
      return DayWinsDoc.parse(await readJson(file));
    },
    async close() {
      await context.close();
      await running.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}
