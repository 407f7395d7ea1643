// Who the app is to the OS. electron-builder.yml repeats these (a test keeps them equal): the
// Windows AppUserModelId must match the installer's appId or toasts are not attributed to us.
export const APP_ID = 'com.missiontray.app';
export const PRODUCT_NAME = 'Mission Tray';
/**
 * Linux: the desktop entry's file name, a reverse-DNS id. Electron uses it (package.json
 * `desktopName`, app.setDesktopName) as the Wayland app_id, the X11 WM_CLASS and the id
 * xdg-desktop-portal reports to the GlobalShortcuts portal, which refuses ids it cannot match to
 * an installed .desktop file (GNOME 50 rejects the binds silently, electron/electron#52218).
 * electron-builder (syncDesktopName) names the entry after it, and StartupWMClass matches it.
 */
export const DESKTOP_NAME = `${APP_ID}.desktop`;
/** The Linux executable (and the icon name of its desktop entry). */
export const EXECUTABLE_NAME = 'mission-tray';
