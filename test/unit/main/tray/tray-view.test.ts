import { describe, expect, it } from 'vitest';
import type { TrayPlatform } from '../../../../src/core/tray/tray-menu.ts';
import { createTrayView } from '../../../../src/main/tray/tray-view.ts';

/** Electron's Tray, as the OS would drive it: which menu is attached, what pops up on a click. */
function fakeTray() {
  const state = {
    attached: null as string | null,
    poppedUp: [] as string[],
    click: null as (() => void) | null,
    rightClick: null as (() => void) | null,
  };
  return {
    state,
    handle: {
      setImage: () => undefined,
      setToolTip: () => undefined,
      setTitle: () => undefined,
      setContextMenu: (menu: string) => void (state.attached = menu),
      popUpContextMenu: (menu: string) => void state.poppedUp.push(menu),
      onClick: (listener: () => void) => void (state.click = listener),
      onRightClick: (listener: () => void) => void (state.rightClick = listener),
      bounds: () => null,
    },
  };
}
const build = (template: { label?: string }[]) => template.map((i) => i.label).join('|');

describe('the tray icon and its menu', () => {
  it('on macOS keeps the left click for the window and shows the menu on a right click', () => {
    const { state, handle } = fakeTray();
    const view = createTrayView(handle, build, 'darwin');
    let opened = 0;
    view.onClick(() => opened++);
    view.setMenu([{ label: 'Log meeting' }, { label: 'Quit Mission Tray' }]);
    expect(state.attached).toBeNull();
    state.click?.();
    expect(opened).toBe(1);
    state.rightClick?.();
    expect(state.poppedUp).toEqual(['Log meeting|Quit Mission Tray']);
  });

  it.each(['win32', 'linux'] as TrayPlatform[])(
    'on %s attaches the menu to the icon',
    (platform) => {
      const { state, handle } = fakeTray();
      const view = createTrayView(handle, build, platform);
      view.setMenu([{ label: 'Log meeting' }]);
      view.setMenu([{ label: 'Log meeting' }, { label: 'Quit' }]);
      expect(state.attached).toBe('Log meeting|Quit');
      expect(state.rightClick).toBeNull();
    },
  );
});
