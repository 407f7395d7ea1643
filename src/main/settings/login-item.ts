// Launch at login: Electron's login items on macOS and Windows; on Linux an XDG autostart
// desktop file, since Electron's setLoginItemSettings does nothing there. The entry must name
// paths that last: an AppImage runs from a temporary mount (/tmp/.mount_…) that is gone after
// logout, so Exec= is the AppImage itself ($APPIMAGE) and Icon= a copy kept in the app's own
// folder. A development run (npm start) would register Electron's default app, so it writes
// nothing and says why.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const AUTOSTART_FILE = 'mission-tray.desktop';

/** An XDG Exec argument: quoted, with the characters the spec reserves inside quotes escaped. */
export function desktopExecArg(arg: string): string {
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry for the app at `exec` (the AppImage, or the installed binary). */
export function autostartDesktopEntry(input: { name: string; exec: string; icon: string }): string {
  // Field codes start with % in Exec; a literal % must be doubled.
  const exec = desktopExecArg(input.exec).replaceAll('%', '%%');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    `Name=${input.name.replace(/[\r\n]/g, ' ')}`,
    'Comment=Short missions, daily milestones, one-click wins',
    `Exec=${exec} --hidden`,
    `Icon=${input.icon.replace(/[\r\n]/g, '')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export const LOGIN_ITEM_IN_DEVELOPMENT =
  'Launch at login applies to the installed Mission Tray. This copy runs from a development build (npm start), so it adds no login item.';

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
  /** Electron's app.isPackaged: false under npm start, where the executable is Electron's own. */
  packaged: boolean;
  /** ~/.config/autostart (XDG_CONFIG_HOME/autostart). */
  autostartDir: string;
  name: string;
  /** The running executable (process.execPath). */
  exec: string;
  /** The AppImage file when running from one (the APPIMAGE environment variable). */
  appImage?: string | undefined;
  /** The app icon as shipped (inside the AppImage's mount when running from one). */
  icon: string;
  /** Where the icon is copied for an AppImage's entry: a folder of the app's that lasts. */
  lastingIcon: string;
}

export function createLoginItem(deps: LoginItemDeps) {
  const appImage = deps.appImage?.trim() ? deps.appImage : undefined;
  return {
    /** Why launch at login is not offered in this run, or null. */
    unavailable: deps.packaged ? null : LOGIN_ITEM_IN_DEVELOPMENT,
    async apply(enabled: boolean): Promise<void> {
      if (!deps.packaged) throw new Error(LOGIN_ITEM_IN_DEVELOPMENT);
      if (deps.platform !== 'linux') {
        deps.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
        return;
      }
      const file = join(deps.autostartDir, AUTOSTART_FILE);
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      let icon = deps.icon;
      if (appImage) {
        await mkdir(dirname(deps.lastingIcon), { recursive: true });
        await copyFile(deps.icon, deps.lastingIcon);
        icon = deps.lastingIcon;
      }
      await mkdir(deps.autostartDir, { recursive: true });
      await writeFile(
        file,
        autostartDesktopEntry({ name: deps.name, exec: appImage ?? deps.exec, icon }),
      );
    },
  };
}
