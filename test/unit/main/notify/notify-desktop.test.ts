// A real desktop notification, end to end: node-notifier → notify-send → D-Bus → the
// notification server (dunst, started by the bus). `npm test` runs the unit tests inside
// `xvfb-run -a dbus-run-session`; dbus-monitor shows what the server received.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopNotification } from '../../../../src/core/notifications/notification-port.ts';
import {
  createNodeNotifier,
  textForDesktop,
} from '../../../../src/main/notify/node-notifier-adapter.ts';
import type { NodeNotifierLike } from '../../../../src/main/notify/node-notifier-adapter.ts';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const desktop =
  process.platform === 'linux' &&
  Boolean(process.env.DBUS_SESSION_BUS_ADDRESS) &&
  has('notify-send') &&
  has('dbus-monitor');

let dir: string;
let monitor: ChildProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-notify-'));
});
afterEach(() => {
  monitor?.kill();
  monitor = null;
  rmSync(dir, { recursive: true, force: true });
});

const notifier = () =>
  createNodeNotifier({
    appName: 'Mission Tray',
    appId: 'com.missiontray.app',
    iconPath: join(process.cwd(), 'resources', 'icon.png'),
    platform: process.platform,
  });

interface Received {
  appName: string;
  summary: string;
  body: string;
}

/** Watches the session bus for Notify calls; resolves once it is listening. */
async function watchNotifications(): Promise<() => Promise<Received>> {
  const proc = spawn('dbus-monitor', [
    '--session',
    "interface='org.freedesktop.Notifications',member='Notify'",
  ]);
  monitor = proc;
  let out = '';
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  await until(() => out.includes('NameAcquired'), 'dbus-monitor did not start');
  const call =
    /member=Notify\n\s+string "([\s\S]*?)"\n\s+uint32 \d+\n\s+string "[\s\S]*?"\n\s+string "([\s\S]*?)"\n\s+string "([\s\S]*?)"\n\s+array \[/;
  return async () => {
    await until(() => call.test(out), `no Notify call reached the bus:\n${out}`);
    const [, appName = '', summary = '', body = ''] = call.exec(out) ?? [];
    return { appName, summary, body };
  };
}

async function until(ok: () => boolean, message: string, ms = 8000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('desktop notifications (node-notifier adapter)', () => {
  if (desktop) {
    it('delivers title and body to the notification server, hostile text literal and inert', async () => {
      const marker = join(dir, 'ran');
      const title = `Book "10" meetings $(touch ${marker}) \`touch ${marker}\`; touch ${marker}`;
      const body = `1 of 2 — $HOME \\n 'quoted' <b>bold</b> & more`;
      const received = await watchNotifications();
      await notifier().show({ title, body });
      const got = await received();
      expect(got.appName).toBe('Mission Tray');
      expect(got.summary).toBe(title);
      // The server reads the body as markup: escaped, so it displays exactly what was sent.
      expect(got.body).toBe(`1 of 2 — $HOME \\n 'quoted' &lt;b&gt;bold&lt;/b&gt; &amp; more`);
      expect(existsSync(marker)).toBe(false);
    });

    it('shows a mission title that starts with a dash instead of failing on it', async () => {
      const received = await watchNotifications();
      await notifier().show({ title: '-h calls', body: '--urgency=critical' });
      const got = await received();
      expect(got.summary).toBe('\u200B-h calls');
      expect(got.body).toBe('\u200B--urgency=critical');
    });
  } else {
    // No session bus here (a developer laptop, or outside `npm test`): the adapter must say so.
    it('reports clearly that the desktop did not show the notification', async () => {
      await expect(notifier().show({ title: 'Book 10 meetings', body: '1 of 2' })).rejects.toThrow(
        /^The desktop did not show the notification: .+/,
      );
    });
  }

  it('passes text through untouched on macOS and Windows, where no shell or markup is involved', () => {
    const n = { title: '-x "$(rm -rf ~)"', body: '<b>&</b> \\' };
    expect(textForDesktop(n, 'darwin')).toEqual(n);
    expect(textForDesktop(n, 'win32')).toEqual(n);
  });

  it('names the app and its AppUserModelId for Windows toasts', async () => {
    const calls: Record<string, string | boolean>[] = [];
    const adapter = createNodeNotifier({
      appName: 'Mission Tray',
      appId: 'com.missiontray.app',
      iconPath: '/opt/icon.png',
      platform: 'win32',
      notifier: {
        notify: (options, callback) => {
          calls.push(options);
          callback(null, 'activate');
        },
      },
    });
    await adapter.show({ title: 'T', body: 'B' });
    expect(calls).toEqual([
      {
        title: 'T',
        message: 'B',
        icon: '/opt/icon.png',
        appID: 'com.missiontray.app',
        wait: false,
      },
    ]);
  });

  /** node-notifier's object as the adapter uses it: each call answers when the rep acts. */
  function fakeNodeNotifier() {
    const answers: Parameters<NodeNotifierLike['notify']>[1][] = [];
    const notifier: NodeNotifierLike = { notify: (_options, callback) => answers.push(callback) };
    return { notifier, answers };
  }

  const reminder = { title: 'Book 10 meetings', body: '1 of 2 meetings — 1 hour to noon' };
  const ended = {
    title: 'Mission ended: Call 50 leads',
    body: 'It ended short of the target. Take a minute to note why and what to try next.',
  };

  it('tells the app which notification the rep clicked, on macOS and Windows', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { notifier, answers } = fakeNodeNotifier();
      const adapter = createNodeNotifier({
        appName: 'Mission Tray',
        appId: 'com.missiontray.app',
        iconPath: '/opt/icon.png',
        platform,
        notifier,
      });
      const clicked: DesktopNotification[] = [];
      adapter.onClick((n) => clicked.push(n));
      const shown = Promise.all([adapter.show(reminder), adapter.show(ended)]);
      answers[1]?.(null, 'activate'); // node-notifier's word for a click, on both systems
      answers[0]?.(null, 'timeout'); // the reminder closed by itself
      await shown;
      expect(clicked).toEqual([ended]);
    }
  });

  it('takes a notification that timed out, was dismissed or came from notify-send for no click', async () => {
    const { notifier, answers } = fakeNodeNotifier();
    const adapter = createNodeNotifier({
      appName: 'Mission Tray',
      appId: 'com.missiontray.app',
      iconPath: '/opt/icon.png',
      platform: 'linux',
      notifier,
    });
    const clicked: DesktopNotification[] = [];
    adapter.onClick((n) => clicked.push(n));
    const shown = [reminder, ended, reminder, ended].map((n) => adapter.show(n));
    ['timeout', 'dismissed', '', undefined].forEach((response, i) => answers[i]?.(null, response));
    await Promise.all(shown);
    expect(clicked).toEqual([]);
  });
});
