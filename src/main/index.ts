// Mission Tray's main process: one instance, started to the tray. Everything else is in
// electron-app.ts (adapters) and shell.ts (assembly).
import { app, dialog } from 'electron';
import { DESKTOP_NAME } from './app-identity.ts';
import { commandWords } from '../core/remote/remote-request.ts';
import { launch, registerAppScheme } from './electron-app.ts';
import { answerWithoutApp, forwardedCommand, printAnswer } from './remote/forward.ts';
import { createLinkInbox } from './remote/remote-intake.ts';
import { newReplyId, replyFolder } from './remote/reply-files.ts';
import { TEST_BUILD } from './test-build.ts';

// The real-Electron suite's throwaway data folder (a test build only): before the lock, which is
// held per userData folder.
const testUserData = TEST_BUILD ? process.env['MISSION_TRAY_TEST_USER_DATA'] : undefined;
if (testUserData) app.setPath('userData', testUserData);

// macOS: a link that starts the app arrives (open-url) before 'ready'; it waits for the app.
const links = createLinkInbox();
app.on('open-url', (event, url) => {
  event.preventDefault();
  links.push(url);
});

// `mission-tray status`, `mission-tray log …`, or a link the OS started us with.
const command = commandWords(process.argv, app.isPackaged);
const forwarded = forwardedCommand(command, newReplyId);
const first = app.requestSingleInstanceLock(forwarded);
// No Mission Tray runs: `status` says so and leaves (exiting releases the lock); other commands
// start the tray app and are done by it.
const alone = first ? answerWithoutApp(command) : null;
if (alone) {
  // Exit once the line is out: a pipe on macOS is written asynchronously.
  process.stderr.write(alone.text, () => app.exit(alone.exitCode));
} else if (!first) {
  // Another Mission Tray is running: it takes the words ('second-instance'), or opens its window.
  const { replyTo } = forwarded;
  if (replyTo === undefined) app.quit();
  else {
    void printAnswer({
      folder: replyFolder(app.getPath('userData')),
      replyTo,
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }).then((code) => app.exit(code));
  }
} else {
  // Before 'ready', as Electron requires. package.json's desktopName says the same; this keeps the
  // identity wherever the app's package.json comes from.
  if (process.platform === 'linux') app.setDesktopName(DESKTOP_NAME);
  registerAppScheme();
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(() => launch({ command, links }))
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Mission Tray could not start', message);
      app.exit(1);
    });
}
