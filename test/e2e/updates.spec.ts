// A downloaded update in the window: the banner says so once, Later hides it for good (it still
// installs on quit), Restart now hands over to the updater; Preferences switches updates off.
// The updater is a stand-in for electron-updater's (its real check and download are
// test/unit/main/updates/update-check.test.ts); the policy, wiring, IPC and window are real.
import { EventEmitter } from 'node:events';
import type { Logger, UpdateCheckResult } from 'electron-updater';
import { FIRST_CHECK_AFTER_MS } from '../../src/core/updates/update-policy.ts';
import { createUpdates, type UpdaterLike } from '../../src/main/updates/updates.ts';
import { expect, test, type AppOptions } from './harness.ts';

/** Finds 0.3.0 and has it downloaded at once; records what the app asks of it. */
class StandInUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  logger: Logger | null = null;
  installs: [boolean | undefined, boolean | undefined][] = [];
  setFeedURL(): void {}
  async checkForUpdates(): Promise<UpdateCheckResult | null> {
    const info = { version: '0.3.0', files: [], path: '', sha512: '', releaseDate: '' };
    this.emit('update-available', info);
    this.emit('update-downloaded', { ...info, downloadedFile: '/tmp/mission-tray_0.3.0.deb' });
    return null;
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const updater = new StandInUpdater();
let tick: () => void = () => undefined;
const options: AppOptions = {
  now: '2026-11-23T08:00:00Z',
  timeZone: 'Europe/Berlin',
  updates: ({ settings, clock, notifier }) => {
    const updates = createUpdates({
      updater: () => updater,
      packaged: true,
      settings,
      clock,
      notifier,
      productName: 'Mission Tray',
      log: () => undefined,
      tickMs: 0,
    });
    tick = updates.tick;
    return updates;
  },
};
test.use({ appOptions: options });

const READY = 'Mission Tray 0.3 is ready — restart to update';

test('the rep is told once; Later hides it; Restart now installs', async ({ app }) => {
  await app.open();
  const banner = app.page.getByRole('region', { name: 'Update' });
  await expect(banner).toHaveCount(0);
  await app.advance(FIRST_CHECK_AFTER_MS);
  tick();
  await expect(banner).toContainText(READY);
  expect(app.notifications.filter((n) => n.title === READY)).toHaveLength(1);

  await banner.getByRole('button', { name: 'Later' }).click();
  await expect(banner).toHaveCount(0);
  await app.reload();
  await expect(app.page.getByRole('region', { name: 'Update' })).toHaveCount(0);
  expect(updater.autoInstallOnAppQuit).toBe(true);

  await app.restart();
  await app.open();
  await app.advance(FIRST_CHECK_AFTER_MS);
  tick();
  await app.page
    .getByRole('region', { name: 'Update' })
    .getByRole('button', { name: 'Restart now' })
    .click();
  await expect.poll(() => updater.installs).toEqual([[false, true]]);
});

test('Preferences switches updates off, and they stay off', async ({ app }) => {
  await app.open();
  await app.page.getByRole('button', { name: 'Preferences' }).click();
  const box = app.page.getByRole('checkbox', { name: /Keep Mission Tray up to date/ });
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect.poll(() => app.settings.get().updates.enabled).toBe(false);
  await app.advance(FIRST_CHECK_AFTER_MS);
  tick();
  await expect(app.page.getByRole('region', { name: 'Update' })).toHaveCount(0);
});
