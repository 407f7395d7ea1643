// The window's keyboard shortcuts, one entry per command: the keys that trigger it and what it
// does. App listens once and runs the entry `shortcutFor` finds, so a new shortcut is one entry.
// (The hints on Today and the buttons' aria-keyshortcuts name these keys for the rep.)

/** The part of a keydown a shortcut looks at. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** What the shortcuts can do, and the missions Today lists (1 is the first). */
export interface ShortcutCommands {
  missions: readonly { mission: { id: string } }[];
  /** A win undo can take back exists (none once its mission has ended). */
  canUndo: boolean;
  logWin(missionId: string): void;
  undo(): void;
  newMission(): void;
}

export interface Shortcut {
  name: string;
  keyTest(key: KeyPress, commands: ShortcutCommands): boolean;
  perform(key: KeyPress, commands: ShortcutCommands): void;
}

/** No Ctrl, ⌘ or Alt: Shift is allowed (Shift+N is still N). */
const plain = (key: KeyPress): boolean => !key.ctrlKey && !key.metaKey && !key.altKey;

/** The mission a digit key names: 1 is Today's first. */
function missionOf(key: KeyPress, commands: ShortcutCommands): string | undefined {
  const n = Number(key.key);
  return Number.isInteger(n) && n >= 1 ? commands.missions[n - 1]?.mission.id : undefined;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    name: 'Undo the last win (Ctrl+Z, ⌘Z)',
    keyTest: (key, commands) =>
      commands.canUndo &&
      (key.ctrlKey || key.metaKey) &&
      !key.shiftKey &&
      key.key.toLowerCase() === 'z',
    perform: (_, commands) => commands.undo(),
  },
  {
    name: 'Log a win on mission 1–9',
    keyTest: (key, commands) => plain(key) && missionOf(key, commands) !== undefined,
    perform: (key, commands) => {
      const missionId = missionOf(key, commands);
      if (missionId) commands.logWin(missionId);
    },
  },
  {
    name: 'New mission (N)',
    keyTest: (key) => plain(key) && key.key.toLowerCase() === 'n',
    perform: (_, commands) => commands.newMission(),
  },
];

export const shortcutFor = (key: KeyPress, commands: ShortcutCommands): Shortcut | undefined =>
  SHORTCUTS.find((shortcut) => shortcut.keyTest(key, commands));
