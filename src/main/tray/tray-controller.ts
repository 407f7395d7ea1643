// Keeps the tray icon, tooltip, macOS title and menu in step with each snapshot.
import type { MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { trayIconName } from '../../core/tray/tray-icon.ts';
import { buildTrayMenu } from '../../core/tray/tray-menu.ts';
import type { TrayAction, TrayPlatform } from '../../core/tray/tray-menu.ts';
import { trayTitle, trayTooltip } from '../../core/tray/tray-state.ts';
import type { Settings } from '../../shared/settings.ts';
import type { TodaySnapshot } from '../../shared/snapshot.ts';
import { toMenuTemplate } from './menu-template.ts';

/** What the controller needs of Electron's Tray (adapted in electron-views.ts). */
export interface TrayView {
  setImage(path: string): void;
  setToolTip(text: string): void;
  setTitle(text: string): void;
  setMenu(template: MenuItemConstructorOptions[]): void;
}

export interface TrayControllerDeps {
  view: TrayView;
  platform: TrayPlatform;
  iconDir: string;
  /** The menu bar or taskbar is dark (nativeTheme.shouldUseDarkColors). */
  isDark: () => boolean;
  now: () => Date;
  dispatch: (action: TrayAction) => void;
  /** Whether team sync is on, for its menu item; absent when the app has no team sync. */
  sync?: () => { enabled: boolean } | undefined;
}

export function createTrayController(deps: TrayControllerDeps) {
  return {
    render(snapshot: TodaySnapshot, settings: Settings): void {
      const { view, platform } = deps;
      const icon = trayIconName({ platform, status: snapshot.status, darkMode: deps.isDark() });
      view.setImage(join(deps.iconDir, icon));
      view.setToolTip(trayTooltip(snapshot));
      if (platform === 'darwin') view.setTitle(trayTitle(snapshot, settings.focusMissionId));
      const sync = deps.sync?.();
      const items = buildTrayMenu({
        snapshot,
        platform,
        pausedUntil: settings.pausedUntil,
        now: deps.now(),
        ...(sync ? { sync } : {}),
      });
      view.setMenu(toMenuTemplate(items, deps.dispatch));
    },
  };
}
