// Links and the command line as each OS hands them to the running app, through electron-app.ts on
// the strict fake Electron: Windows and Linux start a second instance (its lock request's
// additionalData reaches us in 'second-instance'), macOS sends 'open-url'. The real parser, core
// and store (a temp user-data folder) do the rest.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, format } from 'date-fns';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { launch } from '../../../../src/main/electron-app.ts';
import {
  answerWithoutApp,
  forwardedCommand,
  NOT_RUNNING_EXIT,
  printAnswer,
} from '../../../../src/main/remote/forward.ts';
import { createLinkInbox } from '../../../../src/main/remote/remote-intake.ts';
import { replyFolder } from '../../../../src/main/remote/reply-files.ts';
import { APP_INDEX_URL } from '../../../../src/main/window/app-protocol.ts';
import { channelOf } from '../../../../src/shared/ipc-names.ts';
import { TodaySnapshot } from '../../../../src/shared/snapshot.ts';
import { app, fakeElectron, ipcMain, resetFakeElectron } from '../../../fakes/electron.ts';
import type { FakePlatform } from '../../../fakes/electron-views.ts';

let userData: string | null = null;
afterEach(async () => {
  if (!fakeElectron.exited) {
    app.quit();
    await until(() => fakeElectron.exited);
  }
  if (userData) rmSync(userData, { recursive: true, force: true });
  userData = null;
});

async function until(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const invoke = (area: string, name: string, input?: unknown) =>
  ipcMain.invoke(channelOf(area, name), APP_INDEX_URL, input);

async function today() {
  const result = z
    .object({ ok: z.literal(true), value: TodaySnapshot })
    .parse(await invoke('missions', 'today'));
  return result.value;
}

/** The app on `platform` with one running mission, "Book 10 meetings", every day this week. */
async function start(platform: FakePlatform, options: Parameters<typeof launch>[0] = {}) {
  userData = mkdtempSync(join(tmpdir(), 'mt-hand-off-'));
  resetFakeElectron({ platform, userData });
  await app.whenReady();
  await launch({ platform, ...options });
  const now = new Date();
  const created = await invoke('missions', 'create', {
    title: 'Book 10 meetings',
    metric: { kind: 'meetings' },
    target: 10,
    startDate: format(now, 'yyyy-MM-dd'),
    endDate: format(addDays(now, 6), 'yyyy-MM-dd'),
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    deadlines: ['23:59'],
  });
  expect(created).toMatchObject({ ok: true });
  return userData;
}

const totalNow = async () => (await today()).missions[0]?.todayCount;

describe('Windows and Linux: a link starts a second instance', () => {
  it.each(['win32', 'linux'] as const)(
    '%s: its additionalData carries the link, and the win is logged once',
    async (platform) => {
      await start(platform);
      const data = forwardedCommand(['missiontray://log?mission=meetings&amount=2'], () => 'x');
      // A link waits for no answer: no reply file is named.
      expect(data).toEqual({ v: 1, words: ['missiontray://log?mission=meetings&amount=2'] });
      fakeElectron.secondInstance(
        ['mission-tray', 'missiontray://log?mission=meetings&amount=2'],
        data,
      );
      await expect.poll(totalNow).toBe(2);
      expect((await today()).lastWin).toMatchObject({
        amount: 2,
        missionTitle: 'Book 10 meetings',
      });
    },
  );

  it('without additionalData (another version), a link in argv is still taken; other words are not', async () => {
    await start('linux');
    fakeElectron.secondInstance(['mission-tray', 'log', '--mission', 'meetings']);
    fakeElectron.secondInstance(['mission-tray', 'missiontray://log?mission=meetings']);
    await expect.poll(totalNow).toBe(1);
  });

  it('a bare second launch opens the window, as before', async () => {
    await start('linux');
    fakeElectron.secondInstance(
      ['mission-tray'],
      forwardedCommand([], () => 'x'),
    );
    await until(() => fakeElectron.windows.some((w) => w.visible));
  });
});

describe('macOS: links come as open-url', () => {
  it('one that started the app waits for it; one while it runs is taken at once', async () => {
    const links = createLinkInbox();
    // Before 'ready', as macOS sends it when a link starts the app (index.ts listens this early).
    links.push('missiontray://log?mission=Book%2010%20meetings');
    await start('darwin', { links });
    // The first link came before the mission existed: the rep is told there is none.
    await until(() => fakeElectron.notifications.delivered.length > 0);
    expect(fakeElectron.notifications.delivered.map((n) => n.body)).toContain(
      'There is no active mission to log a win on yet.',
    );
    app.on('open-url', (event: { preventDefault(): void }, url: string) => {
      event.preventDefault();
      links.push(url);
    });
    fakeElectron.openUrl('missiontray://log?mission=Book%2010%20meetings&note=Acme');
    await expect.poll(totalNow).toBe(1);
    await until(() =>
      fakeElectron.notifications.delivered.some((n) => n.body.startsWith('Logged 1 meeting')),
    );
    // A click on it opens the window (where Undo is).
    const logged = fakeElectron.notifications.delivered.find((n) =>
      n.body.startsWith('Logged 1 meeting'),
    );
    expect(logged?.body).toMatch(
      /^Logged 1 meeting on “Book 10 meetings” \(1 of \d+ meetings? today\)\. Undo it from the tray menu or the window\.$/,
    );
    if (logged) fakeElectron.notifications.click(logged);
    expect(fakeElectron.windows.filter((w) => w.visible)).toHaveLength(1);
  });

  it('a bad link gets one notification and writes nothing', async () => {
    const links = createLinkInbox();
    await start('darwin', { links });
    app.on('open-url', (_event: unknown, url: string) => links.push(url));
    fakeElectron.openUrl('missiontray://log?mission=Book&amount=lots');
    await until(() => fakeElectron.notifications.delivered.length > 0);
    expect(fakeElectron.notifications.delivered.map((n) => n.body)).toEqual([
      'The amount must be a whole number, like 2',
    ]);
    expect(await totalNow()).toBe(0);
  });
});

describe('a missiontray://join link', () => {
  const secret = 'x7Yc0123456789abcdefghijklmnopQR';
  const joinLink = (server: string) =>
    `missiontray://join?server=${encodeURIComponent(server)}&code=${secret}`;
  const sent = (channel: string) =>
    fakeElectron.windows.flatMap((w) =>
      w.webContents.sent.filter((m) => m.channel === channel).map((m) => m.value),
    );
  /** Nothing of a team is stored: no endpoint, sync off, no secrets document. */
  async function nothingStored(dir: string) {
    expect(await invoke('sync', 'status')).toMatchObject({
      ok: true,
      value: { enabled: false, endpoint: null, team: null },
    });
    expect(existsSync(join(dir, 'data', 'secrets.json'))).toBe(false);
    expect(readdirSync(join(dir, 'data')).filter((f) => f.startsWith('sync'))).toEqual([]);
  }

  it.each(['win32', 'linux'] as const)(
    '%s: opens the window on its confirm screen and joins nothing by itself',
    async (platform) => {
      const dir = await start(platform);
      const link = joinLink('https://team.example.com');
      fakeElectron.secondInstance(
        ['mission-tray', link],
        forwardedCommand([link], () => 'x'),
      );
      await until(() => fakeElectron.windows.some((w) => w.visible));
      await expect.poll(() => sent('mission-tray:event:join')).toEqual([{ invite: link }]);
      // A window that was not loaded yet asks for it; Cancel forgets it.
      expect(await invoke('join', 'pending')).toEqual({ ok: true, value: { invite: link } });
      // The confirm screen speaks: no notification.
      expect(fakeElectron.notifications.delivered).toEqual([]);
      await nothingStored(dir);
      expect(await invoke('join', 'dismiss')).toEqual({ ok: true, value: null });
      expect(await invoke('join', 'pending')).toEqual({ ok: true, value: null });
    },
  );

  it('macOS: a join link that started the app waits for the window', async () => {
    const links = createLinkInbox();
    const link = joinLink('http://127.0.0.1:8787');
    links.push(link);
    const dir = await start('darwin', { links });
    await expect
      .poll(async () => invoke('join', 'pending'))
      .toEqual({ ok: true, value: { invite: link } });
    expect(fakeElectron.windows.some((w) => w.visible)).toBe(true);
    await nothingStored(dir);
  });

  it('an invite to a plain-http server elsewhere gets one notification and opens nothing', async () => {
    const links = createLinkInbox();
    const dir = await start('darwin', { links });
    app.on('open-url', (_event: unknown, url: string) => links.push(url));
    fakeElectron.openUrl(joinLink('http://team.example.com'));
    await until(() => fakeElectron.notifications.delivered.length > 0);
    expect(fakeElectron.notifications.delivered.map((n) => n.body)).toEqual([
      'That invite names a team server Mission Tray will not join: it must use https:// (plain http only on this computer).',
    ]);
    expect(sent('mission-tray:event:join')).toEqual([]);
    expect(await invoke('join', 'pending')).toEqual({ ok: true, value: null });
    await nothingStored(dir);
  });
});

describe('the command line, forwarded to the running app', () => {
  it('`mission-tray log …` then `status`: the second instance prints the answers', async () => {
    const dir = await start('linux');
    const run = async (words: string[]) => {
      const data = forwardedCommand(words, () => crypto.randomUUID().replaceAll('-', ''));
      const out: string[] = [];
      const err: string[] = [];
      const code = printAnswer({
        folder: replyFolder(dir),
        replyTo: data.replyTo ?? '',
        out: (t) => out.push(t),
        err: (t) => err.push(t),
        timeoutMs: 5000,
      });
      fakeElectron.secondInstance(['mission-tray', ...words], data);
      return { code: await code, out: out.join(''), err: err.join('') };
    };
    expect(await run(['log', '--mission', 'Book 10 meetings', '--amount', '2'])).toEqual({
      code: 0,
      out: expect.stringMatching(/^Logged 2 meetings on “Book 10 meetings”/),
      err: '',
    });
    const status = await run(['status']);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/^Book 10 meetings: 2 of \d+ meetings today/);
    expect(await run(['log', '--mission', 'calls'])).toEqual({
      code: 1,
      out: '',
      err: 'No active mission matches "calls". Active: “Book 10 meetings”.\n',
    });
    expect(await run(['undo'])).toMatchObject({ code: 0, out: 'Undid 2 on “Book 10 meetings”.\n' });
    expect(await totalNow()).toBe(0);
    // The reply folder is the rep's alone.
    expect(statSync(replyFolder(dir)).mode & 0o777).toBe(0o700);
  });

  it('a running app that never answers (an older version) is said so, with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-no-answer-'));
    const err: string[] = [];
    const code = await printAnswer({
      folder: replyFolder(dir),
      replyTo: 'a'.repeat(32),
      out: () => undefined,
      err: (t) => err.push(t),
      timeoutMs: 100,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^Mission Tray is running but did not answer/);
  });
});

describe('the command line with no Mission Tray running', () => {
  it('`status` answers itself (not running, exit 3); log, undo and links start the app', () => {
    expect(answerWithoutApp(['status'])).toEqual({
      text: expect.stringMatching(/^Mission Tray is not running, .*\n$/),
      exitCode: NOT_RUNNING_EXIT,
    });
    expect(answerWithoutApp(['Status'])?.exitCode).toBe(3);
    expect(answerWithoutApp(['log', '--mission', 'Book 10 meetings'])).toBeNull();
    expect(answerWithoutApp(['undo'])).toBeNull();
    expect(answerWithoutApp(['missiontray://open/today'])).toBeNull();
    expect(answerWithoutApp([])).toBeNull();
  });
});

describe('registering missiontray:// with the OS', () => {
  it('a development run registers on Windows only, with the app folder for electron.exe', async () => {
    await start('win32');
    expect(fakeElectron.protocolClients).toEqual([
      ['missiontray', process.execPath, [expect.any(String)]],
    ]);
  });

  it('a development run on Linux leaves the OS alone (the bare Electron binary is no handler)', async () => {
    await start('linux');
    expect(fakeElectron.protocolClients).toEqual([]);
  });
});
