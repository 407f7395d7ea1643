// The real main process — index.ts and electron-app.ts, bundled as electron-vite bundles them —
// started in plain Node against the fake Electron (test/fakes/electron.ts), with a real data
// folder. No test runs the Electron binary (docs/decisions/0006); this is as close as a test gets.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

let root: string;
let bundle: string;
let userData: string;

beforeAll(async () => {
  // Inside node_modules so the bundle's bare imports (zod, lowdb, …) resolve as in out/main.
  mkdirSync(resolve('node_modules/.cache'), { recursive: true });
  root = mkdtempSync(resolve('node_modules/.cache/mission-tray-main-smoke-'));
  userData = mkdtempSync(join(tmpdir(), 'mt-userdata-'));
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: resolve('src/main/index.ts'),
      outDir: join(root, 'main'),
      emptyOutDir: true,
      target: 'node22',
      rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
    },
  });
  bundle = join(root, 'main', 'index.js');
  mkdirSync(join(root, 'renderer'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Mission Tray</title>');
}, 60_000);
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(userData, { recursive: true, force: true });
});

const Report = z
  .object({
    started: z.boolean(),
    calls: z.array(z.string()),
    stdout: z.string(),
    stderr: z.string(),
  })
  .passthrough();
function start(env: Record<string, string> = {}) {
  const out = spawnSync(
    process.execPath,
    [
      '--import',
      resolve('test/fakes/electron-hooks.ts'),
      resolve('test/unit/main/main-smoke-driver.ts'),
      bundle,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, FAKE_ELECTRON_USER_DATA: userData, ...env },
      timeout: 30_000,
    },
  );
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  if (out.status !== 0 || !last.startsWith('{'))
    throw new Error(`main did not run:\n${out.stderr}\n${out.stdout}`);
  const printed = z.record(z.string(), z.unknown()).parse(JSON.parse(last));
  return Report.parse({ ...printed, stdout: out.stdout, stderr: out.stderr });
}

describe('the main process, started against a fake Electron', () => {
  it('starts to the tray, serves the window securely, and quits cleanly', () => {
    const report = start();
    expect(report.started).toBe(true);
    expect(report['trayImage']).toBe(resolve('resources/tray-idle-light.png'));
    expect(report['menu']).toEqual(
      expect.arrayContaining(['No active missions', 'Open Mission Tray', 'Quit']),
    );
    expect(report['channels']).toEqual(
      expect.arrayContaining(['mission-tray:wins:log', 'mission-tray:app:quit']),
    );
    expect(report['shortcuts']).toEqual(['CommandOrControl+Alt+Shift+W']);
    expect(report['fromApp']).toMatchObject({ ok: true, value: { theme: 'system' } });
    expect(report['fromElsewhere']).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report['page']).toMatchObject({
      status: 200,
      csp: expect.stringContaining("default-src 'none'"),
    });
    expect(report['outsideStatus']).toBe(404);
    expect(report['permissionGranted']).toBe(false);
    expect(report['window']).toMatchObject({
      loaded: ['app://mission-tray/index.html'],
      visible: true,
      options: {
        frame: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
      },
    });
    expect(report['navigationBlocked']).toBe(true);
    expect(report['windowOpen']).toEqual({ action: 'deny' });
    // Quit waits for the data folder to close, then quits for real.
    expect(report.calls).toEqual(
      expect.arrayContaining(['setAppUserModelId com.missiontray.app', 'app.quit', 'quit']),
    );
    // Linux: the desktop identity is set before 'ready' (the portal's app id for the shortcut).
    if (process.platform === 'linux') {
      expect(report.calls.indexOf('setDesktopName com.missiontray.app.desktop')).toBe(0);
    }
    // The data folder was opened where the app keeps it, and quitting released its lock.
    expect(report['files']).toEqual(expect.arrayContaining(['data', 'data/notifications.json']));
    expect(report['files']).not.toContain('data/mission-tray.lock');
  });

  it('a second launch leaves at once, so the first instance keeps the tray', () => {
    const report = start({ FAKE_ELECTRON_SECOND_INSTANCE: '1' });
    expect(report.started).toBe(false);
    expect(report.calls).toEqual(['app.quit', 'quit']);
    expect(report['lockRequests']).toEqual([{ v: 1, words: [] }]);
  });

  it('`mission-tray status` beside a running app: forwarded with a reply file named, answer printed', () => {
    const report = start({
      FAKE_ELECTRON_SECOND_INSTANCE: '1',
      FAKE_ELECTRON_ARGS: JSON.stringify(['status']),
    });
    expect(report.started).toBe(false);
    expect(report['lockRequests']).toEqual([
      { v: 1, words: ['status'], replyTo: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ]);
    expect(report.stdout).toContain('answer to status\n');
    expect(report.calls).toEqual(['app.exit 0']);
  });

  it('`mission-tray status` with no app running: one line on stderr, exit 3, no tray or window', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'mt-userdata-'));
    const report = start({
      FAKE_ELECTRON_ARGS: JSON.stringify(['status']),
      FAKE_ELECTRON_USER_DATA: fresh,
    });
    rmSync(fresh, { recursive: true, force: true });
    expect(report.started).toBe(false);
    expect(report.stderr).toBe(
      'Mission Tray is not running, so there is no status to show. Start Mission Tray, then ask again.\n',
    );
    expect(report.calls).toEqual(['app.exit 3']);
    // Nothing was started: no data folder opened, nothing printed on stdout but the report.
    expect(report['files']).toEqual([]);
    expect(report.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('a link beside a running app is forwarded and waits for nothing', () => {
    const link = 'missiontray://log?mission=Book&amount=2';
    const report = start({
      FAKE_ELECTRON_SECOND_INSTANCE: '1',
      FAKE_ELECTRON_ARGS: JSON.stringify(['--original-process-start-time=1', link]),
    });
    expect(report['lockRequests']).toEqual([{ v: 1, words: [link] }]);
    expect(report.calls).toEqual(['app.quit', 'quit']);
  });
});
