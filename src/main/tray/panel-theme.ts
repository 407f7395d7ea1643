// Whether the panel the tray icon sits on (menu bar, taskbar, top bar) is dark, which is the
// system's setting, not the app's: `themeSource` (the rep's theme preference) forces
// nativeTheme.shouldUseDarkColors, so a dark app theme on a light Linux panel drew light icons
// on a light bar. Windows reports the taskbar's own setting (shouldUseDarkColorsForSystemIntegratedUI,
// "Windows mode"); macOS tints template images itself; Linux has no such property, so the
// system's preference is read while themeSource is 'system' — before the rep's theme is applied
// at start, and whenever it is 'system' again.
import type { NativeTheme } from 'electron';
import type { Settings } from '../../shared/settings.ts';

export type NativeThemeLike = Pick<
  NativeTheme,
  'shouldUseDarkColors' | 'shouldUseDarkColorsForSystemIntegratedUI' | 'themeSource'
> & { on(event: 'updated', listener: () => void): unknown };

export function createPanelTheme(theme: NativeThemeLike, platform: NodeJS.Platform) {
  let systemDark = theme.shouldUseDarkColors;
  const remember = () => {
    if (theme.themeSource === 'system') systemDark = theme.shouldUseDarkColors;
  };
  remember();
  theme.on('updated', remember);
  return {
    /** The panel is dark: the icon's light-on-dark variant. */
    isDark(): boolean {
      if (platform === 'win32' || platform === 'darwin')
        return theme.shouldUseDarkColorsForSystemIntegratedUI;
      remember();
      return systemDark;
    },
    /** Applies the rep's theme to the app's own UI (prefers-color-scheme, menus, frames). */
    apply(source: Settings['theme']): void {
      remember();
      // Setting it emits 'updated' (and redraws) even when unchanged.
      if (theme.themeSource !== source) theme.themeSource = source;
    },
  };
}
