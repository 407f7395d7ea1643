// Mission Tray's main process: one instance, started to the tray. Everything else is in
// electron-app.ts (adapters) and shell.ts (assembly).
import { app, dialog } from 'electron';
import { DESKTOP_NAME } from './app-identity.ts';
import { launch, registerAppScheme } from './electron-app.ts';
import { TEST_BUILD } from './test-build.ts';

// The real-Electron suite's throwaway data folder (a test build only): before the lock, which is
// held per userData folder.
const testUserData = TEST_BUILD ? process.env['MISSION_TRAY_TEST_USER_DATA'] : undefined;
if (testUserData) app.setPath('userData', testUserData);

if (!app.requestSingleInstanceLock()) {
  // Another Mission Tray is running: it opens its window ('second-instance'); this one leaves.
  app.quit();
} else {
  // Before 'ready', as Electron requires. package.json's desktopName says the same; this keeps the
  // identity wherever the app's package.json comes from.
  if (process.platform === 'linux') app.setDesktopName(DESKTOP_NAME);
  registerAppScheme();
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(() => launch())
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Mission Tray could not start', message);
      app.exit(1);
    });
}
