// Hooks the real-Electron suite (test/electron) drives through Playwright's
// electronApplication.evaluate: a test build only, and only with MISSION_TRAY_TEST_HOOKS=1.
// electron-app.ts calls it only behind TEST_BUILD, so production bundles drop it (tree-shaken).
import type { App, Menu, MenuItem } from 'electron';

export const TEST_HOOKS_GLOBAL = '__missionTrayTestHooks';

export interface TestHooks {
  /** Opens the window as a click on the tray icon does. */
  openWindow(): void;
  /** The tray menu's labels, as the rep sees them. */
  trayLabels(): string[];
  /** Clicks the first tray menu item whose label starts with `prefix`; false if none. */
  clickTrayItem(prefix: string): boolean;
  /** Every console message of every page since start (CSP violations are logged there). */
  consoleMessages(): string[];
}

export function installTestHooks(deps: {
  app: App;
  openWindow(): void;
  trayMenu(): Menu | null;
}): void {
  const messages: string[] = [];
  deps.app.on('web-contents-created', (_event, contents) => {
    contents.on('console-message', (event) => messages.push(`${event.level}: ${event.message}`));
  });
  const items = (): MenuItem[] => {
    const flat = (list: MenuItem[]): MenuItem[] =>
      list.flatMap((item) => [item, ...(item.submenu ? flat(item.submenu.items) : [])]);
    return flat(deps.trayMenu()?.items ?? []);
  };
  const hooks: TestHooks = {
    openWindow: deps.openWindow,
    trayLabels: () => items().map((item) => item.label),
    clickTrayItem(prefix) {
      const item = items().find((i) => i.label.startsWith(prefix) && i.enabled);
      item?.click();
      return item !== undefined;
    },
    consoleMessages: () => [...messages],
  };
  Object.assign(globalThis, { [TEST_HOOKS_GLOBAL]: hooks });
}
