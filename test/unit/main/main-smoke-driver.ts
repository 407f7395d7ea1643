// Run as `node --import test/fakes/electron-hooks.ts main-smoke-driver.ts <bundle>`: starts the
// bundled main process against the fake Electron, plays the OS (ready, tray clicks, a renderer
// calling IPC, the app:// protocol, quit) and prints what happened as one JSON line.
import { z } from 'zod';
import { ForwardedCommand } from '../../../src/main/remote/forward.ts';
import { replyFolder, writeReply } from '../../../src/main/remote/reply-files.ts';
import { fakeElectron, globalShortcut, ipcMain } from '../../fakes/electron.ts';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: main-smoke-driver.ts <bundle>');
// The command line the app sees, as `electron . <words>` gives it (FAKE_ELECTRON_ARGS, JSON).
const words = z.array(z.string()).parse(JSON.parse(process.env['FAKE_ELECTRON_ARGS'] ?? '[]'));
process.argv = [process.execPath, '.', ...words];

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

await import(bundle);
// A second instance that waits for an answer: this driver plays the running app and answers it.
const forwarded = ForwardedCommand.safeParse(fakeElectron.lockRequests[0]);
if (fakeElectron.lockTaken && forwarded.success && forwarded.data.replyTo) {
  const reply = { ok: true, text: `answer to ${forwarded.data.words.join(' ')}` };
  await writeReply(replyFolder(fakeElectron.userData), forwarded.data.replyTo, reply);
  await until(() => fakeElectron.exited, 5000);
}
const started = await until(
  () =>
    fakeElectron.exited ||
    fakeElectron.calls.includes('app.quit') ||
    (fakeElectron.trays[0] !== undefined && ipcMain.handlers.size > 0),
  8000,
);
const tray = fakeElectron.trays[0];
const report: Record<string, unknown> = { started: started && tray !== undefined };
if (started && tray) {
  report['trayImage'] = tray.image;
  report['menu'] = tray.labels();
  report['channels'] = [...ipcMain.handlers.keys()].sort();
  report['schemes'] = fakeElectron.privilegedSchemes;
  report['shortcuts'] = globalShortcut.held;

  const get = 'mission-tray:settings:get';
  report['fromApp'] = await ipcMain.invoke(get, 'app://mission-tray/index.html#/');
  report['fromElsewhere'] = await ipcMain.invoke(get, 'file:///tmp/index.html');

  const serve = fakeElectron.protocolHandlers.get('app');
  const page = await serve?.({ url: 'app://mission-tray/index.html' });
  report['page'] = { status: page?.status, csp: page?.headers.get('Content-Security-Policy') };
  const outside = await serve?.({ url: 'app://mission-tray/%2e%2e/%2e%2e/package.json' });
  report['outsideStatus'] = outside?.status;

  let granted: unknown = 'not asked';
  fakeElectron.permissionHandler?.(null, 'media', (ok: boolean) => (granted = ok));
  report['permissionGranted'] = granted;

  tray.click('Open Mission Tray');
  const window = fakeElectron.windows[0];
  report['window'] = window
    ? { options: window.options, loaded: window.loaded, visible: window.visible }
    : null;
  let prevented = false;
  window?.webContents.emit(
    'will-navigate',
    { preventDefault: () => (prevented = true) },
    'https://evil.example/',
  );
  report['navigationBlocked'] = prevented;
  report['windowOpen'] = window?.webContents.openWindow('https://evil.example/');

  tray.click('Quit');
  await until(() => fakeElectron.exited, 3000);
}
const { readdirSync } = await import('node:fs');
const userData = process.env['FAKE_ELECTRON_USER_DATA'] ?? '';
report['files'] = readdirSync(userData, { recursive: true, encoding: 'utf8' }).sort();
report['calls'] = fakeElectron.calls;
report['lockRequests'] = fakeElectron.lockRequests;
console.log(JSON.stringify(report));
process.exit(0);
