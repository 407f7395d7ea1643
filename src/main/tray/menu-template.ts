// The pure tray menu (src/core/tray/tray-menu.ts) as Electron's menu template, each click routed to
// one dispatch function.
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayAction, TrayMenuItem } from '../../core/tray/tray-menu.ts';

export function toMenuTemplate(
  items: TrayMenuItem[],
  dispatch: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'info':
        return { label: item.label, enabled: false };
      case 'submenu':
        return { label: item.label, submenu: toMenuTemplate(item.items, dispatch) };
      case 'checkbox':
        return {
          label: item.label,
          type: 'checkbox',
          checked: item.checked,
          click: () => dispatch(item.action),
        };
      case 'action':
        return {
          label: item.label,
          enabled: item.enabled,
          ...(item.accelerator ? { accelerator: item.accelerator } : {}),
          click: () => dispatch(item.action),
        };
    }
  });
}
