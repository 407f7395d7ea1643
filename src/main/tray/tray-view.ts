// Electron's Tray as the TrayView the shell draws on. On macOS a tray with a context menu opens
// that menu on a left click (electron/electron#4796, #2830), so there the menu pops up on a
// right click only and a left click stays free to open the window. On Windows the context menu
// is the right click already, and on Linux the menu is all the icon does.
import type { MenuItemConstructorOptions, Tray } from 'electron';
import type { TrayPlatform } from '../../core/tray/tray-menu.ts';
import type { Rect } from '../window/compact-placement.ts';
import type { TrayView } from './tray-controller.ts';

/** The calls on Electron's Tray the view makes (electron-app.ts passes thin lambdas). */
export interface TrayHandle<M> {
  setImage(path: string): void;
  setToolTip(text: string): void;
  setTitle(text: string): void;
  setContextMenu(menu: M): void;
  popUpContextMenu(menu: M): void;
  onClick(listener: () => void): void;
  onRightClick(listener: () => void): void;
  bounds(): Rect | null;
}

/** Electron's Tray, its menu type left open (tests pass a fake menu). */
export type TrayLike<M> = Pick<Tray, 'setImage' | 'setToolTip' | 'setTitle' | 'getBounds'> & {
  setContextMenu(menu: M): void;
  popUpContextMenu(menu: M): void;
  on(event: 'click' | 'right-click', listener: () => void): unknown;
};

export function trayHandleOf<M>(tray: TrayLike<M>): TrayHandle<M> {
  return {
    setImage: (path) => tray.setImage(path),
    setToolTip: (text) => tray.setToolTip(text),
    setTitle: (text) => tray.setTitle(text),
    setContextMenu: (menu) => tray.setContextMenu(menu),
    popUpContextMenu: (menu) => tray.popUpContextMenu(menu),
    onClick: (listener) => tray.on('click', listener),
    onRightClick: (listener) => tray.on('right-click', listener),
    bounds: () => tray.getBounds(),
  };
}

export function createTrayView<M>(
  handle: TrayHandle<M>,
  buildMenu: (template: MenuItemConstructorOptions[]) => M,
  platform: TrayPlatform,
): TrayView & { onClick(listener: () => void): void; bounds(): Rect | null } {
  let menu: M | null = null;
  if (platform === 'darwin') {
    handle.onRightClick(() => {
      if (menu !== null) handle.popUpContextMenu(menu);
    });
  }
  return {
    setImage: (path) => handle.setImage(path),
    setToolTip: (text) => handle.setToolTip(text),
    setTitle: (text) => handle.setTitle(text),
    setMenu(template) {
      menu = buildMenu(template);
      if (platform !== 'darwin') handle.setContextMenu(menu);
    },
    onClick: (listener) => handle.onClick(listener),
    bounds: () => handle.bounds(),
  };
}
