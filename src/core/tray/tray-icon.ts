// Which icon file the tray shows. macOS gets template images (the menu bar tints them for light
// and dark itself); Windows and Linux get a light or dark variant for the bar's colour.
// Electron picks the @2x file beside each on high-density screens.
import type { TrayStatus } from '../../shared/snapshot.ts';
import type { TrayPlatform } from './tray-menu.ts';

export const TRAY_STATUSES: readonly TrayStatus[] = ['idle', 'on-track', 'behind', 'done'];

export function trayIconName(input: {
  platform: TrayPlatform;
  status: TrayStatus;
  /** The menu bar or taskbar is dark. */
  darkMode: boolean;
}): string {
  if (input.platform === 'darwin') return `tray-${input.status}Template.png`;
  return `tray-${input.status}-${input.darkMode ? 'dark' : 'light'}.png`;
}

/** Every tray icon file the app ships (without @2x), for the packaging check. */
export function allTrayIconNames(): string[] {
  const names = new Set<string>();
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    for (const status of TRAY_STATUSES) {
      for (const darkMode of [false, true]) names.add(trayIconName({ platform, status, darkMode }));
    }
  }
  return [...names].sort();
}
