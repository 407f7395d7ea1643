// Launch at login: Electron's login items on macOS and Windows; on Linux an XDG autostart
// desktop file, since Electron's setLoginItemSettings does nothing there.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

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

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
  /** ~/.config/autostart (XDG_CONFIG_HOME/autostart). */
  autostartDir: string;
  name: string;
  exec: string;
  icon: string;
}

export function createLoginItem(deps: LoginItemDeps) {
  return {
    async apply(enabled: boolean): Promise<void> {
      if (deps.platform !== 'linux') {
        deps.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
        return;
      }
      const file = join(deps.autostartDir, AUTOSTART_FILE);
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(deps.autostartDir, { recursive: true });
      await writeFile(file, autostartDesktopEntry(deps));
    },
  };
}
