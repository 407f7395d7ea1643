import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MissionTrayError } from '../../../../src/core/kernel/errors.ts';
import {
  FORBIDDEN_MESSAGE,
  handleMessage,
  INTERNAL_MESSAGE,
  isAppRendererUrl,
} from '../../../../src/main/ipc/handle-message.ts';
import type { Route } from '../../../../src/main/ipc/handle-message.ts';
import { createSettingsHandlers } from '../../../../src/main/ipc/settings-handlers.ts';
import { createSettingsStore } from '../../../../src/main/settings/settings-store.ts';
import { channelOf, ipcContract } from '../../../../src/shared/ipc.ts';
import type { SettingsPort } from '../../../../src/shared/settings.ts';

const RENDERER = 'file:///opt/Mission%20Tray/resources/app.asar/out/renderer/index.html';
const ownWindow = { senderFrame: { url: `${RENDERER}#/today` } };

let dir: string;
let settings: SettingsPort;
let logged: { message: string; cause: unknown }[];
const deps = {
  isTrustedSender: (url: string) => isAppRendererUrl(url, RENDERER),
  log: (message: string, cause: unknown) => logged.push({ message, cause }),
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-ipc-'));
  settings = createSettingsStore({ cwd: dir });
  settings.update({ theme: 'dark' });
  logged = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const settingsUpdate = (): Route => ({
  channel: channelOf('settings', 'update'),
  ...ipcContract.settings.update,
  handler: (input) =>
    createSettingsHandlers(settings).update(ipcContract.settings.update.input.parse(input)),
});
const prefsOnDisk = () => readFileSync(join(dir, 'preferences.json'), 'utf8');

describe('the IPC boundary', () => {
  it('passes a valid call from the app window to the handler and returns its result', async () => {
    const result = await handleMessage(settingsUpdate(), ownWindow, { theme: 'light' }, deps);
    expect(result).toMatchObject({ ok: true, value: { theme: 'light' } });
    expect(JSON.parse(prefsOnDisk()).theme).toBe('light');
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil/index.html'],
    ['a data URL', 'data:text/html,<script>1</script>'],
  ])('refuses a call from %s and changes nothing', async (_what, url) => {
    const before = prefsOnDisk();
    const result = await handleMessage(
      settingsUpdate(),
      { senderFrame: { url } },
      { theme: 'light' },
      deps,
    );
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: FORBIDDEN_MESSAGE } });
    expect(prefsOnDisk()).toBe(before);
  });

  it('refuses a call from a frame that is gone', async () => {
    const result = await handleMessage(settingsUpdate(), { senderFrame: null }, {}, deps);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('rejects bad input with a sentence and the field, writing nothing', async () => {
    const before = prefsOnDisk();
    const result = await handleMessage(
      settingsUpdate(),
      ownWindow,
      { reminderLeadMinutes: 1 },
      deps,
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'Remind at least 5 minutes before a deadline',
        path: ['reminderLeadMinutes'],
      },
    });
    expect(prefsOnDisk()).toBe(before);
  });

  it("passes on the core's own errors with their code and sentence", async () => {
    const route: Route = {
      channel: 'test:archive',
      input: z.undefined(),
      output: z.null(),
      handler: () =>
        Promise.reject(new MissionTrayError('not-found', 'That mission no longer exists.')),
    };
    expect(await handleMessage(route, ownWindow, undefined, deps)).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That mission no longer exists.' },
    });
  });

  it('turns an unexpected failure into a generic sentence and logs the cause', async () => {
    const cause = new TypeError("Cannot read properties of undefined (reading 'x')");
    const route: Route = {
      channel: 'test:boom',
      input: z.undefined(),
      output: z.null(),
      handler: () => Promise.reject(cause),
    };
    expect(await handleMessage(route, ownWindow, undefined, deps)).toEqual({
      ok: false,
      error: { code: 'internal', message: INTERNAL_MESSAGE },
    });
    expect(logged).toEqual([{ message: 'test:boom failed', cause }]);
  });

  it('never hands the renderer a value outside the contract', async () => {
    const route: Route = {
      channel: 'test:shape',
      input: z.undefined(),
      output: z.object({ n: z.int() }),
      handler: async () => ({ n: 'three' }),
    };
    expect(await handleMessage(route, ownWindow, undefined, deps)).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });
});

describe('which senders are the app', () => {
  it('trusts exactly the packaged index.html, whatever the route after #', () => {
    expect(isAppRendererUrl(`${RENDERER}#/preferences`, RENDERER)).toBe(true);
    expect(isAppRendererUrl(`${RENDERER}?compact=1`, RENDERER)).toBe(true);
    expect(isAppRendererUrl(RENDERER.replace('index.html', 'other.html'), RENDERER)).toBe(false);
    expect(isAppRendererUrl('file://evil-host/opt/x/index.html', RENDERER)).toBe(false);
  });

  it('trusts app://mission-tray and nothing that merely shares its "null" origin', () => {
    const app = 'app://mission-tray/index.html';
    expect(isAppRendererUrl('app://mission-tray/index.html#/today', app)).toBe(true);
    expect(isAppRendererUrl('file:///tmp/index.html', app)).toBe(false);
    expect(isAppRendererUrl('app://other/index.html', app)).toBe(false);
    expect(isAppRendererUrl('data:text/html,hi', app)).toBe(false);
  });

  it("trusts the dev server's origin only", () => {
    const dev = 'http://localhost:5173/';
    expect(isAppRendererUrl('http://localhost:5173/#/today', dev)).toBe(true);
    expect(isAppRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppRendererUrl('not a url', dev)).toBe(false);
  });
});
